#!/usr/bin/env python3
"""Lists a calendar's sections (of its ACTIVE trial, or of --trial) through the sectioning API.

The calling side of docs/api.md ("Calling the API from Python"): stubs generated from protos/
with Debian's protoc and grpc_python_plugin, run with Debian's python3-grpcio and
python3-protobuf.

    PYTHONPATH=GENERATED_DIR /usr/bin/python3 docs/examples/list_sections.py east-2026
        [--trial TRIAL] [--server HOST:PORT] [--token TOKEN]

The server defaults to $SECSCHED_SECTIONING_ADDR (else 127.0.0.1:50054), the token to
$SECSCHED_TOKEN. Prints one line per section; exit 1 with the gRPC status on an error.
"""
import argparse
import os
import sys

import grpc

from secsched.sectioning.v1 import sectioning_pb2, sectioning_pb2_grpc
from secsched.sectioning.v1 import sections_pb2, sections_pb2_grpc


def pages(call, request, items):
    """Every item of a paged List method (AIP-158: follow next_page_token until it is empty)."""
    while True:
        response = call(request)
        yield from items(response)
        if not response.next_page_token:
            return
        request.page_token = response.next_page_token


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calendar", help="calendar id, e.g. east-2026")
    parser.add_argument("--trial", help="trial id (default: the calendar's ACTIVE trial)")
    parser.add_argument("--server",
                        default=os.environ.get("SECSCHED_SECTIONING_ADDR", "127.0.0.1:50054"))
    parser.add_argument("--token", default=os.environ.get("SECSCHED_TOKEN", ""))
    args = parser.parse_args()

    channel = grpc.insecure_channel(args.server)
    metadata = [("authorization", "Bearer " + args.token)]
    calendar = "calendars/" + args.calendar
    try:
        if args.trial:
            trial = calendar + "/trials/" + args.trial
        else:
            trials = sectioning_pb2_grpc.SectioningServiceStub(channel)
            active = list(pages(
                lambda r: trials.ListTrials(r, metadata=metadata, timeout=10),
                sectioning_pb2.ListTrialsRequest(parent=calendar,
                                                 state=sectioning_pb2.Trial.ACTIVE),
                lambda r: r.trials))
            if not active:
                print(f"{calendar} has no ACTIVE trial; name one with --trial", file=sys.stderr)
                return 1
            trial = active[0].name
        sections = sections_pb2_grpc.SectionServiceStub(channel)
        rows = [("SECTION", "COURSE", "TEACHER", "ROOM", "SEATS", "MEETS")]
        for s in pages(lambda r: sections.ListSections(r, metadata=metadata, timeout=10),
                       sections_pb2.ListSectionsRequest(parent=trial, page_size=500),
                       lambda r: r.sections):
            meets = ", ".join(f"{m.term} P{m.period}{' ' + m.day_type if m.day_type else ''}"
                              for m in s.placement) or "not placed"
            rows.append((s.name.rsplit("/", 1)[-1], s.course, s.primary_teacher or "-",
                         s.room or "-", f"{s.enrolled}/{s.capacity}", meets))
    except grpc.RpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
    print(f"{len(rows) - 1} sections in {trial}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
