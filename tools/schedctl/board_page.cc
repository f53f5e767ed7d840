// The board's page (board.h): the HTML shell, its CSS and script, the data as embedded JSON.
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tools/schedctl/board.h"

namespace secsched::schedctl {
namespace {

constexpr char kStyle[] = R"css(
body{font:13px/1.35 system-ui,sans-serif;margin:16px;color:#222}
h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:18px 0 6px}
.controls label{margin-right:10px}.controls select{margin-left:4px}
.legend span{display:inline-block;padding:1px 6px;margin-right:4px;border-radius:3px}
table.grid{border-collapse:collapse;margin-top:8px}
.grid th,.grid td{border:1px solid #ccc;padding:3px;vertical-align:top;min-width:90px}
.grid th{background:#f3f3f3;position:sticky;top:0}
.grid th.row{text-align:left;white-space:nowrap}
.sec{border-radius:4px;padding:2px 4px;margin:2px 0;border:1px solid #bbb;white-space:nowrap}
.sec .fill{float:right;margin-left:6px;font-variant-numeric:tabular-nums}
.sec .terms{color:#555;font-size:11px}
.f-low{background:#cfe2f3}.f-mid{background:#d9ead3}.f-high{background:#fff2cc}
.f-full{background:#fce5cd}.f-over{background:#f4cccc}.f-none{background:#eee}
.sec.conflict{border:2px solid #d00;box-shadow:0 0 0 1px #fdd}
.sec.conflict::before{content:"\26A0 ";color:#d00}
.charts{display:flex;flex-wrap:wrap;gap:18px}.chart{border:1px solid #ddd;background:#fff}
.chart text{font-size:11px}.chart text.n{font-size:10px}
.empty{color:#888;font-style:italic}
)css";

constexpr char kScript[] = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('board-data').textContent);
  var names = {teacher: {}, room: {}};
  data.teachers.forEach(function (t) { names.teacher[t.id] = t.name || t.id; });
  data.rooms.forEach(function (r) { names.room[r.id] = r.name || r.id; });
  var byId = {};
  data.sections.forEach(function (s) { byId[s.id] = s; });
  var state = {by: 'teacher', department: '', teacher: '', room: '', course: ''};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fillClass(s) {
    if (!s.capacity) return 'f-none';
    var r = s.enrolled / s.capacity;
    return r > 1 ? 'f-over' : r >= 1 ? 'f-full' : r >= 0.9 ? 'f-high' : r >= 0.5 ? 'f-mid' : 'f-low';
  }
  function label(kind, id) { return id ? (names[kind][id] || id) : '(none)'; }
  function card(s) {
    var c = el('div', 'sec ' + fillClass(s) + (s.conflicts.length ? ' conflict' : ''));
    c.dataset.section = s.id;
    c.title = s.course_name + ' ' + s.number + (s.conflicts.length ? '\n' + s.conflicts.join('\n') : '');
    c.appendChild(el('b', '', s.course + '-' + s.number));
    c.appendChild(document.createTextNode(' ' + label('room', s.room) + ' '));
    c.appendChild(el('span', 'fill', s.enrolled + '/' + s.capacity));
    var terms = [];
    s.meetings.forEach(function (m) {
      var t = m.term + (m.day_type ? ' ' + m.day_type : '');
      if (terms.indexOf(t) < 0) terms.push(t);
    });
    if (terms.length && terms.length < data.terms.length) c.appendChild(el('div', 'terms', terms.join(', ')));
    return c;
  }
  function periodsOf(s) {
    var p = [];
    s.meetings.forEach(function (m) { if (p.indexOf(m.period) < 0) p.push(m.period); });
    return p;
  }
  function visible(s) {
    return (!state.department || s.department === state.department) &&
        (!state.teacher || s.teachers.indexOf(state.teacher) >= 0) &&
        (!state.room || s.room === state.room) && (!state.course || s.course === state.course);
  }
  function drawGrid() {
    var rows = {}, order = [];
    data.sections.filter(visible).forEach(function (s) {
      var keys = state.by === 'teacher' ? (s.teachers.length ? s.teachers : ['']) : [s.room];
      keys.forEach(function (k) {
        if (!rows[k]) { rows[k] = {}; order.push(k); }
        var cols = periodsOf(s);
        (cols.length ? cols : ['unplaced']).forEach(function (p) {
          (rows[k][p] = rows[k][p] || []).push(s);
        });
      });
    });
    order.sort(function (a, b) { return label(state.by, a).localeCompare(label(state.by, b), undefined, {numeric: true}); });
    var table = document.getElementById('grid');
    table.textContent = '';
    var head = el('tr');
    head.appendChild(el('th', '', state.by === 'teacher' ? 'Teacher' : 'Room'));
    data.periods.forEach(function (p) { head.appendChild(el('th', '', 'P' + p)); });
    head.appendChild(el('th', '', 'not placed'));
    table.appendChild(head);
    order.forEach(function (k) {
      var tr = el('tr');
      tr.appendChild(el('th', 'row', label(state.by, k)));
      data.periods.concat(['unplaced']).forEach(function (p) {
        var td = el('td');
        (rows[k][p] || []).forEach(function (s) { td.appendChild(card(s)); });
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    if (!order.length) {
      var tr = el('tr'), td = el('td', 'empty', 'No section matches the filters.');
      td.colSpan = data.periods.length + 2;
      tr.appendChild(td);
      table.appendChild(tr);
    }
  }
  function schedule(target, sectionIds) {
    var table = document.getElementById(target);
    table.textContent = '';
    var head = el('tr');
    head.appendChild(el('th', '', 'Period'));
    data.terms.forEach(function (t) { head.appendChild(el('th', '', t)); });
    table.appendChild(head);
    data.periods.forEach(function (p) {
      var tr = el('tr');
      tr.appendChild(el('th', 'row', 'P' + p));
      data.terms.forEach(function (t) {
        var td = el('td');
        sectionIds.forEach(function (id) {
          var s = byId[id];
          if (s && s.meetings.some(function (m) { return m.period === p && m.term === t; })) td.appendChild(card(s));
        });
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
  }
  function fillSelect(id, values, labelOf) {
    var select = document.getElementById(id);
    values.forEach(function (v) {
      var o = el('option', '', labelOf ? labelOf(v) : v);
      o.value = v;
      select.appendChild(o);
    });
    return select;
  }
  function unique(list) { return list.filter(function (v, i) { return v && list.indexOf(v) === i; }).sort(); }

  fillSelect('f-department', unique(data.sections.map(function (s) { return s.department; })));
  fillSelect('f-teacher', data.teachers.map(function (t) { return t.id; }), function (v) { return label('teacher', v); });
  fillSelect('f-room', data.rooms.map(function (r) { return r.id; }), function (v) { return label('room', v); });
  fillSelect('f-course', unique(data.sections.map(function (s) { return s.course; })));
  ['department', 'teacher', 'room', 'course', 'by'].forEach(function (f) {
    document.getElementById('f-' + f).addEventListener('change', function (e) {
      state[f] = e.target.value;
      drawGrid();
    });
  });
  var students = fillSelect('v-student', data.students.map(function (s) { return s.id; }));
  students.addEventListener('change', function (e) {
    var st = data.students.filter(function (s) { return s.id === e.target.value; })[0];
    schedule('student-schedule', st ? st.sections : []);
  });
  var teachers = fillSelect('v-teacher', data.teachers.map(function (t) { return t.id; }), function (v) { return label('teacher', v); });
  teachers.addEventListener('change', function (e) {
    schedule('teacher-schedule', data.sections.filter(function (s) { return s.teachers.indexOf(e.target.value) >= 0; }).map(function (s) { return s.id; }));
  });
  drawGrid();
  if (data.students.length) { students.value = data.students[0].id; students.dispatchEvent(new Event('change')); }
  if (data.teachers.length) { teachers.value = data.teachers[0].id; teachers.dispatchEvent(new Event('change')); }
  document.body.dataset.ready = 'yes';
})();
)js";

nlohmann::json DataJson(const Board& b) {
  using nlohmann::json;
  json out = {
      {"calendar", b.calendar}, {"trial", b.trial}, {"terms", b.terms}, {"periods", b.periods}};
  auto names = [](const std::vector<BoardName>& list) {
    json a = json::array();
    for (const BoardName& n : list) a.push_back({{"id", n.id}, {"name", n.name}});
    return a;
  };
  out["teachers"] = names(b.teachers);
  out["rooms"] = names(b.rooms);
  json sections = json::array();
  for (const BoardSection& s : b.sections) {
    json meetings = json::array();
    for (const BoardMeeting& m : s.meetings) {
      meetings.push_back({{"term", m.term}, {"period", m.period}, {"day_type", m.day_type}});
    }
    sections.push_back({{"id", s.id},
                        {"course", s.course},
                        {"course_name", s.course_name},
                        {"department", s.department},
                        {"number", s.number},
                        {"teachers", s.teachers},
                        {"room", s.room},
                        {"meetings", meetings},
                        {"enrolled", s.enrolled},
                        {"capacity", s.capacity},
                        {"conflicts", s.conflicts}});
  }
  out["sections"] = sections;
  json students = json::array();
  for (const BoardStudent& s : b.students) {
    students.push_back({{"id", s.id}, {"grade", s.grade}, {"sections", s.sections}});
  }
  out["students"] = students;
  json metrics = json::array();
  for (const BoardMetric& m : b.metrics) {
    metrics.push_back({{"label", m.label}, {"value", m.value}, {"bound", m.bound}});
  }
  out["metrics"] = metrics;
  json pairs = json::array();
  for (const BoardConflictPair& p : b.conflict_pairs) {
    pairs.push_back({{"a", p.course_a}, {"b", p.course_b}, {"students", p.students}});
  }
  out["conflict_pairs"] = pairs;
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderBoardHtml(const Board& board) {
  // "</" inside the JSON would end the <script> element early; "<\/" means the same to JSON.
  const std::string json = absl::StrReplaceAll(
      DataJson(board).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      {{"</", "<\\/"}});
  const std::string title = HtmlEscape(board.title);
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", title,
      "</title>\n<style>", kStyle, "</style></head>\n<body>\n<h1>", title, "</h1>\n");
  absl::StrAppend(
      &html,
      "<section id=\"master\"><h2>Master schedule</h2>\n<div class=\"controls\">"
      "<label>Rows<select id=\"f-by\"><option value=\"teacher\">teachers</option>"
      "<option value=\"room\">rooms</option></select></label>"
      "<label>Department<select id=\"f-department\"><option value=\"\">all</option></select>"
      "</label><label>Teacher<select id=\"f-teacher\"><option value=\"\">all</option></select>"
      "</label><label>Room<select id=\"f-room\"><option value=\"\">all</option></select></label>"
      "<label>Course<select id=\"f-course\"><option value=\"\">all</option></select></label>"
      "</div>\n<div class=\"legend\">Fill: <span class=\"f-low\">&lt;50%</span>"
      "<span class=\"f-mid\">50–89%</span><span class=\"f-high\">90–99%</span>"
      "<span class=\"f-full\">full</span><span class=\"f-over\">over</span> "
      "<span class=\"sec conflict\">conflict</span></div>\n"
      "<table id=\"grid\" class=\"grid\"></table></section>\n"
      "<section id=\"people\"><h2>Per student</h2><select id=\"v-student\"></select>"
      "<table id=\"student-schedule\" class=\"grid\"></table>\n"
      "<h2>Per teacher</h2><select id=\"v-teacher\"></select>"
      "<table id=\"teacher-schedule\" class=\"grid\"></table></section>\n"
      "<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">",
      FillHistogramSvg(board.sections), GradeRequestsSvg(board.grades), MetricsSvg(board.metrics),
      ConflictHeatMapSvg(board.conflict_pairs),
      "</div></section>\n<script type=\"application/json\" id=\"board-data\">", json,
      "</script>\n<script>", kScript, "</script>\n</body></html>\n");
  return html;
}

}  // namespace secsched::schedctl
