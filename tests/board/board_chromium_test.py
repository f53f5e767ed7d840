#!/usr/bin/env python3
"""The master-schedule board in Debian's headless Chromium.

    board_chromium_test.py BOARD_SAMPLE OUT_DIR

Writes a sample board (BOARD_SAMPLE, tools/schedctl/board_sample_main.cc), loads it from a
file:// URL with no network, and checks the DOM after its script ran: the script finished
(body data-ready), no console message or uncaught error, every placed section of the embedded
data is in the grid, the unplaced ones in the "not placed" column, conflicts outlined, every
chart drawn, nothing loaded from elsewhere. A screenshot is written to OUT_DIR/board.png.
"""
import html.parser
import json
import os
import re
import subprocess
import sys

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--enable-logging=stderr", "--v=0", "--disable-background-networking",
            "--proxy-server=127.0.0.1:9", "--window-size=1400,1000"]


class Dom(html.parser.HTMLParser):
    """Collects the grid's cards by column and other facts of the rendered DOM."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, attrs)
        self.grid_cards = {}  # section id → set of column indexes
        self.conflict_cards = set()
        self.body = {}
        self.svgs = 0
        self.external = []
        self.column = -1
        self.metrics = {}  # label → (value, bound) of the load-metrics chart's rows
        self.heat_cells = {}  # "a|b" → students, the conflict heat map's cells

    def inside(self, tag, id_=None):
        return any(t == tag and (id_ is None or a.get("id") == id_) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "svg":
            self.svgs += 1
        for attr in ("src", "href"):
            if a.get(attr) and not a[attr].startswith(("#", "data:")):
                self.external.append(a[attr])
        if tag == "tr" and self.inside("table", "grid"):
            self.column = -1
        if tag in ("td", "th") and self.inside("table", "grid") and not self.inside("td"):
            self.column += 1
        if tag == "div" and "data-section" in a and self.inside("table", "grid"):
            self.grid_cards.setdefault(a["data-section"], set()).add(self.column)
            if "conflict" in a.get("class", "").split():
                self.conflict_cards.add(a["data-section"])
        if tag == "g" and "metric" in a.get("class", "").split():
            self.metrics[a.get("data-label")] = (int(a["data-value"]), int(a["data-bound"]))
        if tag == "g" and "cell" in a.get("class", "").split():
            self.heat_cells[a.get("data-pair")] = int(a["data-students"])
        if tag not in ("meta", "br", "input", "img", "link", "rect", "text"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def main():
    sample, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    page = os.path.join(out_dir, "board.html")
    subprocess.run([sample, page, "60"], check=True)
    source = open(page, encoding="utf-8").read()
    data = json.loads(re.search(
        r'<script type="application/json" id="board-data">(.*?)</script>', source, re.S)
        .group(1).replace("<\\/", "</"))
    url = "file://" + os.path.abspath(page)

    run = subprocess.run(CHROMIUM + ["--dump-dom", url], capture_output=True, text=True,
                         timeout=120)
    if run.returncode != 0:
        fail(f"chromium exited {run.returncode}: {run.stderr[-2000:]}")
    console = [l for l in run.stderr.splitlines() if ":CONSOLE" in l]
    if console:
        fail("console messages: " + "\n".join(console))
    dom = Dom()
    dom.feed(run.stdout)
    if dom.body.get("data-ready") != "yes":
        fail("the page's script did not finish (no data-ready on body)")
    if dom.external:
        fail(f"external assets: {dom.external}")

    placed = {s["id"] for s in data["sections"] if s["meetings"]}
    unplaced = {s["id"] for s in data["sections"] if not s["meetings"]}
    not_placed_column = len(data["periods"]) + 1
    missing = placed - set(dom.grid_cards)
    if missing:
        fail(f"placed sections missing from the grid: {sorted(missing)}")
    for sid in placed:
        periods = {m["period"] for m in next(s for s in data["sections"] if s["id"] == sid)["meetings"]}
        columns = {data["periods"].index(p) + 1 for p in periods}
        if dom.grid_cards[sid] != columns:
            fail(f"{sid} is in grid columns {dom.grid_cards[sid]}, expected {columns}")
    for sid in unplaced:
        if dom.grid_cards.get(sid) != {not_placed_column}:
            fail(f"unplaced {sid} is in columns {dom.grid_cards.get(sid)}")
    conflicted = {s["id"] for s in data["sections"] if s["conflicts"]}
    if dom.conflict_cards != conflicted:
        fail(f"conflict outlines {sorted(dom.conflict_cards)} != {sorted(conflicted)}")
    if dom.svgs < 4:
        fail(f"{dom.svgs} charts drawn, expected 4")
    # Load metrics against the bound: one row per metric, its value and bound as embedded.
    expected_metrics = {m["label"]: (m["value"], m["bound"]) for m in data["metrics"]}
    if dom.metrics != expected_metrics:
        fail(f"load-metric rows {dom.metrics} != {expected_metrics}")
    primary = dom.metrics.get("primary requests met")
    if not primary or primary[1] <= 0:
        fail("no primary-requests-met row with a bound")
    # The heat map: a full square over the pairs' courses, symmetric, each pair's count.
    courses = {c for p in data["conflict_pairs"] for c in (p["a"], p["b"])}
    if len(dom.heat_cells) != len(courses) ** 2:
        fail(f"{len(dom.heat_cells)} heat-map cells for {len(courses)} courses")
    for p in data["conflict_pairs"]:
        for key in (p["a"] + "|" + p["b"], p["b"] + "|" + p["a"]):
            if dom.heat_cells.get(key) != p["students"]:
                fail(f"heat-map cell {key} is {dom.heat_cells.get(key)}, expected {p['students']}")

    shot = os.path.join(out_dir, "board.png")
    if os.path.exists(shot):
        os.remove(shot)
    run = subprocess.run(CHROMIUM + ["--screenshot=" + shot, url], capture_output=True,
                         text=True, timeout=120)
    with open(shot, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            fail("the screenshot is not a PNG")
    print(f"ok: {len(placed)} placed and {len(unplaced)} unplaced sections in the grid, "
          f"{len(conflicted)} conflicts outlined, {dom.svgs} charts, {len(dom.metrics)} load "
          f"metrics, {len(dom.heat_cells)} heat-map cells; screenshot {shot}")


if __name__ == "__main__":
    main()
