#!/usr/bin/env python3
"""Run the public DMN TCK decision tests through `orchestrator dmn --batch` and report the pass rate.

Usage:
    python3 tests/dmn-tck/run_tck.py --tck /tmp/tck/TestCases [--cli "dotnet .../orchestrator.dll"]
        [--filter SUBSTRING] [--level 2|3|all] [--verbose] [--dry-run] [--jsonl FILE] [--report FILE]

Builds one JSON Lines file for every selected test, runs the CLI once over it, compares each
result with the TCK's expected value and prints a per-folder summary. It is a report, not a
gate: the exit code is 0 whatever the pass rate (2 only for bad arguments). Standard library only.
See README.md next to this file for the comparison rules.
"""

import argparse
import collections
import datetime as _dt
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_CLI = "dotnet " + os.path.join(REPO, "src", "Orchestrator.Cli", "bin", "Release", "net10.0", "orchestrator.dll")

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
NUMBER_XSD = {"decimal", "double", "float", "integer", "int", "long", "short", "byte",
              "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
              "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"}
REL_TOL = Decimal("1e-9")


# ----------------------------------------------------------------------------------------------
# TCK values
# ----------------------------------------------------------------------------------------------
# A parsed TCK value is one of:
#   ("nil",)                         xsi:nil="true", or an empty valueType
#   ("scalar", xsd_type, text)      <value xsi:type="xsd:...">text</value>
#   ("context", [(name, value)...]) <component name="...">...</component>*
#   ("list", [value...])            <list><item>...</item>*</list>

def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _is_nil(elem):
    return elem.attrib.get(XSI + "nil", "").strip() in ("true", "1")


def parse_value(elem):
    """Parse a TCK valueType element (inputNode, expected, component, item)."""
    if _is_nil(elem):
        return ("nil",)
    children = [c for c in elem if isinstance(c.tag, str) and _local(c.tag) != "extensionElements"]
    values = [c for c in children if _local(c.tag) == "value"]
    comps = [c for c in children if _local(c.tag) == "component"]
    lists = [c for c in children if _local(c.tag) == "list"]
    if values:
        v = values[0]
        if _is_nil(v):
            return ("nil",)
        xtype = v.attrib.get(XSI + "type")
        xtype = xtype.rsplit(":", 1)[-1] if xtype else "string"
        return ("scalar", xtype, v.text or "")
    if comps:
        return ("context", [(c.attrib.get("name", ""), parse_value(c)) for c in comps])
    if lists:
        lst = lists[0]
        if _is_nil(lst):
            return ("nil",)
        return ("list", [parse_value(i) for i in lst if isinstance(i.tag, str) and _local(i.tag) == "item"])
    return ("nil",)


def value_to_text(v):
    """Human-readable rendering of a parsed TCK value (for failure messages)."""
    kind = v[0]
    if kind == "nil":
        return "null"
    if kind == "scalar":
        return "%s(%s)" % (v[1], json.dumps(v[2]))
    if kind == "context":
        return "{" + ", ".join("%s: %s" % (json.dumps(n), value_to_text(x)) for n, x in v[1]) + "}"
    return "[" + ", ".join(value_to_text(x) for x in v[1]) + "]"


# ----------------------------------------------------------------------------------------------
# FEEL context literal for the inputs
# ----------------------------------------------------------------------------------------------

def feel_string(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def feel_number(text):
    d = Decimal(text.strip())  # raises InvalidOperation for junk
    if not d.is_finite():
        raise ValueError("non-finite number %r cannot be written in FEEL" % text)
    s = format(d, "f")
    return s


def to_feel(v):
    kind = v[0]
    if kind == "nil":
        return "null"
    if kind == "context":
        return "{" + ", ".join("%s: %s" % (feel_string(n), to_feel(x)) for n, x in v[1]) + "}"
    if kind == "list":
        return "[" + ", ".join(to_feel(x) for x in v[1]) + "]"
    xtype, text = v[1], v[2]
    if xtype in NUMBER_XSD:
        return feel_number(text)
    if xtype == "boolean":
        t = text.strip()
        if t in ("true", "1"):
            return "true"
        if t in ("false", "0"):
            return "false"
        raise ValueError("bad boolean %r" % text)
    if xtype == "date":
        return "date(%s)" % feel_string(text.strip())
    if xtype == "dateTime":
        return "date and time(%s)" % feel_string(text.strip())
    if xtype == "time":
        return "time(%s)" % feel_string(text.strip())
    if xtype in ("duration", "dayTimeDuration", "yearMonthDuration"):
        return "duration(%s)" % feel_string(text.strip())
    return feel_string(text)  # string and anything else


def context_expression(input_nodes):
    return "{" + ", ".join("%s: %s" % (feel_string(name), to_feel(val)) for name, val in input_nodes) + "}"


# ----------------------------------------------------------------------------------------------
# Normalisation of temporal values
# ----------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(-?)(\d{4,})-(\d{2})-(\d{2})$")
_TIME_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?|@[^\s]+)?$")
_DUR_RE = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
                     r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def norm_date(s):
    m = _DATE_RE.match(s.strip())
    if not m:
        return None
    sign, y, mo, d = m.groups()
    return ("date", -int(y) if sign else int(y), int(mo), int(d))


def _norm_offset(off):
    if off is None:
        return None
    if off.startswith("@"):
        return off  # zone id: compared as written
    if off == "Z":
        off = "+00:00"
    if off.endswith(":00") and len(off) == 9:
        off = off[:6]  # +hh:mm:00 -> +hh:mm
    if off in ("-00:00",):
        off = "+00:00"
    return off


def norm_time(s):
    m = _TIME_RE.match(s.strip())
    if not m:
        return None
    h, mi, se, frac, off = m.groups()
    frac = (frac or "").rstrip("0")
    return ("time", int(h), int(mi), int(se), frac, _norm_offset(off))


def norm_datetime(s):
    s = s.strip()
    # the date part may have a sign and more than four year digits: split at the 'T'
    i = s.find("T")
    if i < 0:
        return None
    d, t = norm_date(s[:i]), norm_time(s[i + 1:])
    if d is None or t is None:
        return None
    return ("date and time",) + d[1:] + t[1:]


def norm_duration(s, kind_hint=None):
    """-> ('ym', months) | ('dt', seconds as Decimal) | ('mixed', months, seconds) | None.

    kind_hint is the FEEL type the engine reported, when known; it decides the kind of a zero
    duration written ambiguously (e.g. P0D is a days-and-time duration, P0M years-and-months)."""
    m = _DUR_RE.match(s.strip())
    if not m or s.strip() in ("P", "-P") or s.strip().endswith("T"):
        return None
    neg, y, mo, d, h, mi, se = m.groups()
    months = int(y or 0) * 12 + int(mo or 0)
    secs = (Decimal(d or 0) * 86400 + Decimal(h or 0) * 3600 + Decimal(mi or 0) * 60 + Decimal(se or 0))
    if neg:
        months, secs = -months, -secs
    has_ym = y is not None or mo is not None
    has_dt = d is not None or h is not None or mi is not None or se is not None
    if kind_hint == "years and months duration":
        kind = "ym"
    elif kind_hint == "days and time duration":
        kind = "dt"
    elif has_ym and not has_dt:
        kind = "ym"
    elif has_dt and not has_ym:
        kind = "dt"
    else:
        kind = "mixed"
    if kind == "ym":
        return ("ym", months) if not has_dt or secs == 0 else ("mixed", months, secs.normalize())
    if kind == "dt":
        return ("dt", secs.normalize()) if not has_ym or months == 0 else ("mixed", months, secs.normalize())
    return ("mixed", months, secs.normalize())


TEMPORAL = {
    "date": ("date", norm_date),
    "dateTime": ("date and time", norm_datetime),
    "time": ("time", norm_time),
}


# ----------------------------------------------------------------------------------------------
# Comparison
# ----------------------------------------------------------------------------------------------

def _is_number(x):
    return isinstance(x, (Decimal, int, float)) and not isinstance(x, bool)


def _show(x):
    """JSON rendering of a decoded answer value (Decimals as bare numbers)."""
    if isinstance(x, Decimal):
        return str(x)
    if isinstance(x, dict):
        return "{" + ", ".join("%s: %s" % (json.dumps(k, ensure_ascii=False), _show(v)) for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_show(v) for v in x) + "]"
    return json.dumps(x, ensure_ascii=False)


def compare(expected, actual, atype=None, lenient_extra=False, path=""):
    """Compare a parsed TCK value with a decoded JSON value.

    atype is the FEEL type name the CLI reported for `actual` (top level only; None inside
    contexts and lists). Returns None when equal, else a short reason string."""
    where = (" at " + path) if path else ""
    kind = expected[0]
    if kind == "nil":
        return None if actual is None else "expected null%s, got %s" % (where, _show(actual))
    if kind == "context":
        if not isinstance(actual, dict):
            return "expected a context%s, got %s" % (where, _show(actual))
        for name, ev in expected[1]:
            if name not in actual:
                return "missing key %s%s" % (json.dumps(name), where)
            r = compare(ev, actual[name], None, lenient_extra, path + "." + name if path else name)
            if r:
                return r
        if not lenient_extra:
            extra = [k for k in actual if k not in {n for n, _ in expected[1]}]
            if extra:
                return "extra key(s) %s%s" % (", ".join(json.dumps(k) for k in extra), where)
        return None
    if kind == "list":
        if not isinstance(actual, list):
            return "expected a list%s, got %s" % (where, _show(actual))
        if len(actual) != len(expected[1]):
            return "expected a list of %d%s, got %d items" % (len(expected[1]), where, len(actual))
        for i, (ev, av) in enumerate(zip(expected[1], actual)):
            r = compare(ev, av, None, lenient_extra, "%s[%d]" % (path, i))
            if r:
                return r
        return None

    xtype, text = expected[1], expected[2]
    if xtype in NUMBER_XSD:
        try:
            e = Decimal(text.strip())
        except InvalidOperation:
            return "bad expected number %r" % text
        if not _is_number(actual) or (atype is not None and atype != "number"):
            return "expected number %s%s, got %s" % (text.strip(), where, _typed(atype, actual))
        a = Decimal(str(actual)) if isinstance(actual, float) else Decimal(actual)
        if abs(a - e) <= REL_TOL * max(Decimal(1), abs(e)):
            return None
        return "expected %s%s, got %s" % (text.strip(), where, _typed(atype, actual))
    if xtype == "boolean":
        e = text.strip() in ("true", "1")
        if isinstance(actual, bool) and actual == e and atype in (None, "boolean"):
            return None
        return "expected %s%s, got %s" % ("true" if e else "false", where, _typed(atype, actual))
    if xtype in TEMPORAL:
        tname, norm = TEMPORAL[xtype]
        ne = norm(text)
        if ne is None:
            return "bad expected %s %r" % (xtype, text)
        if isinstance(actual, str) and (atype is None or atype == tname):
            na = norm(actual)
            if na == ne:
                return None
        return "expected %s %s%s, got %s" % (tname, text.strip(), where, _typed(atype, actual))
    if xtype in ("duration", "dayTimeDuration", "yearMonthDuration"):
        ne = norm_duration(text)
        if ne is None:
            return "bad expected duration %r" % text
        if isinstance(actual, str) and (atype is None or atype.endswith("duration")):
            na = norm_duration(actual, atype)
            if na == ne:
                return None
        return "expected duration %s%s, got %s" % (text.strip(), where, _typed(atype, actual))
    # string (and any other simple type)
    if isinstance(actual, str) and actual == text and atype in (None, "string"):
        return None
    return "expected string %s%s, got %s" % (json.dumps(text, ensure_ascii=False), where, _typed(atype, actual))


# ----------------------------------------------------------------------------------------------
# Discovery
# ----------------------------------------------------------------------------------------------

TestCase = collections.namedtuple("TestCase", "level folder test_file tc_id invocable tc_type inputs results")
ResultNode = collections.namedtuple("ResultNode", "name error_result expected")


def discover(tck, levels, flt):
    cases = []
    folders = []  # (level, folder, dmn files)
    for level in levels:
        base = os.path.join(tck, "compliance-level-%s" % level)
        if not os.path.isdir(base):
            print("warning: %s not found" % base, file=sys.stderr)
            continue
        for folder in sorted(os.listdir(base)):
            fdir = os.path.join(base, folder)
            if not os.path.isdir(fdir) or (flt and flt not in folder):
                continue
            dmns = sorted(os.path.join(fdir, f) for f in os.listdir(fdir) if f.endswith(".dmn"))
            tests = sorted(f for f in os.listdir(fdir) if re.search(r"-test-\d+\.xml$", f))
            if not tests:
                continue
            folders.append((level, folder, dmns))
            for tf in tests:
                root = ET.parse(os.path.join(fdir, tf)).getroot()
                model = None
                for e in root:
                    if isinstance(e.tag, str) and _local(e.tag) == "modelName":
                        model = (e.text or "").strip()
                if not model:
                    model = os.path.basename(dmns[0]) if dmns else ""
                for tc in root:
                    if not isinstance(tc.tag, str) or _local(tc.tag) != "testCase":
                        continue
                    inputs, results = [], []
                    for e in tc:
                        if not isinstance(e.tag, str):
                            continue
                        if _local(e.tag) == "inputNode":
                            inputs.append((e.attrib.get("name", ""), parse_value(e)))
                        elif _local(e.tag) == "resultNode":
                            exp = [x for x in e if isinstance(x.tag, str) and _local(x.tag) == "expected"]
                            results.append(ResultNode(
                                e.attrib.get("name", ""),
                                e.attrib.get("errorResult", "false").strip() in ("true", "1"),
                                parse_value(exp[0]) if exp else ("nil",)))
                    cases.append((TestCase(level, folder, tf, tc.attrib.get("id", ""), tc.attrib.get("invocableName"),
                                           tc.attrib.get("type", "decision"), inputs, results), model, dmns))
    return folders, cases


# ----------------------------------------------------------------------------------------------
# Running the CLI
# ----------------------------------------------------------------------------------------------

def run_cli(cli, lines, line_timeout, verbose):
    """Run `cli dmn --batch FILE` over lines; returns a list of decoded output objects (or None
    for lines without an answer). When the process dies or stalls, the first unanswered line is
    blamed (answered with an error) and the run resumes after it in a new process."""
    answers = [None] * len(lines)
    ids = [json.loads(l)["id"] for l in lines]
    start = 0
    restarts = 0
    while start < len(lines):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            f.write("".join(l + "\n" for l in lines[start:]))
            path = f.name
        errf = tempfile.TemporaryFile()
        cmd = shlex.split(cli) + ["dmn", "--batch", path]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errf, stdin=subprocess.DEVNULL)
        except OSError as ex:
            os.unlink(path)
            msg = "cannot start CLI: %s" % ex
            for i in range(start, len(lines)):
                answers[i] = {"error": msg, "_runner": True}
            return answers
        got = []
        last = [time.monotonic()]

        def reader():
            for raw in proc.stdout:
                got.append(raw)
                last[0] = time.monotonic()

        th = threading.Thread(target=reader, daemon=True)
        th.start()
        stalled = False
        while th.is_alive():
            th.join(1.0)
            if th.is_alive() and time.monotonic() - last[0] > line_timeout:
                stalled = True
                proc.kill()  # our own child, by handle
                th.join()
        rc = proc.wait()
        os.unlink(path)
        errf.seek(0)
        stderr_tail = errf.read().decode("utf-8", "replace")[-2000:]
        errf.close()

        n = 0
        for raw in got:
            text = raw.decode("utf-8", "replace").strip()
            if not text:
                continue
            if start + n >= len(lines):
                break
            try:
                ans = json.loads(text, parse_float=Decimal, parse_int=Decimal)
                if not isinstance(ans, dict):
                    raise ValueError("not an object")
                if ans.get("id") != ids[start + n]:
                    ans = {"error": "answer id %r does not match line id %r" % (ans.get("id"), ids[start + n]),
                           "_runner": True}
                answers[start + n] = ans
            except ValueError:
                answers[start + n] = {"error": "unparsable output line: %s" % text[:200], "_runner": True}
            n += 1
        start += n
        if start >= len(lines):
            break
        # the process ended (or stalled) before answering everything
        why = ("no output for %ds (killed)" % line_timeout) if stalled else ("CLI exited with %d" % rc)
        tail = stderr_tail.strip().splitlines()[-1:] if stderr_tail.strip() else []
        msg = why + (": " + tail[0][:300] if tail else "")
        if verbose or restarts < 3:
            print("warning: %s on line %d; resuming after it" % (msg, start + 1), file=sys.stderr)
        answers[start] = {"error": msg, "_runner": True}
        start += 1
        restarts += 1
        if restarts > 200:
            for i in range(start, len(lines)):
                answers[i] = {"error": "not run: too many CLI crashes", "_runner": True}
            break
    return answers


def dmn_command_available(cli):
    try:
        p = subprocess.run(shlex.split(cli) + ["--help"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return re.search(r"^\s+dmn\b", p.stdout, re.M) is not None


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tck", required=True, help="the TCK's TestCases directory")
    ap.add_argument("--cli", default=DEFAULT_CLI, help="command that runs the orchestrator CLI (default: %(default)s)")
    ap.add_argument("--filter", default=None, help="only folders whose name contains SUBSTRING")
    ap.add_argument("--level", default="all", choices=["2", "3", "all"])
    ap.add_argument("--verbose", "-v", action="store_true", help="print every failure")
    ap.add_argument("--dry-run", action="store_true", help="write the JSONL and stop")
    ap.add_argument("--jsonl", default=None, help="where to write the JSONL (default: a temp file)")
    ap.add_argument("--report", default=None, help="also write every result node's outcome as JSON to FILE")
    ap.add_argument("--lenient-extra-keys", action="store_true",
                    help="let actual contexts have keys the expected value does not list")
    ap.add_argument("--check-inputs", action="store_true",
                    help="instead of running the tests, push every contextExpression through `feel --batch` and "
                         "check it evaluates to a context equal to the test's inputs (checks this runner's FEEL "
                         "literals and comparison rules against the FEEL engine)")
    ap.add_argument("--line-timeout", type=int, default=120,
                    help="kill the CLI when it prints nothing for this many seconds (default %(default)s)")
    args = ap.parse_args(argv)

    tck = os.path.abspath(args.tck)
    levels = ["2", "3"] if args.level == "all" else [args.level]
    folders, cases = discover(tck, levels, args.filter)

    # one JSONL line per result node (no invocableName) or per test case (invocableName)
    lines, line_of = [], []  # line_of[i] = (case index, result index or None)
    build_errors = {}  # case index -> message
    for ci, (tc, model, dmns) in enumerate(cases):
        try:
            ctx = context_expression(tc.inputs)
        except (ValueError, InvalidOperation) as ex:
            build_errors[ci] = "cannot write inputs as FEEL: %s" % ex
            continue
        base = {"models": dmns, "model": model, "context": {}, "contextExpression": ctx}
        tag = "%s/%s/%s" % (tc.folder, tc.test_file[:-4].rsplit("-test-", 1)[-1], tc.tc_id)
        if tc.invocable:
            obj = dict(id="%d:%s" % (len(lines), tag), decision=tc.invocable, **base)
            lines.append(json.dumps(obj, ensure_ascii=False))
            line_of.append((ci, None))
        else:
            for ri, rn in enumerate(tc.results):
                obj = dict(id="%d:%s:%s" % (len(lines), tag, rn.name), decision=rn.name, **base)
                lines.append(json.dumps(obj, ensure_ascii=False))
                line_of.append((ci, ri))
    # key order in the JSON object: id first, like the contract shows
    lines = [json.dumps(_reorder(json.loads(l)), ensure_ascii=False) for l in lines]

    jsonl = args.jsonl
    temp_jsonl = jsonl is None and not args.dry_run
    if jsonl is None:
        fd, jsonl = tempfile.mkstemp(prefix="dmn-tck-", suffix=".jsonl")
        os.close(fd)
    with open(jsonl, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    print("%d test cases, %d result nodes, %d CLI lines in %d folders -> %s"
          % (len(cases), sum(len(c[0].results) for c in cases), len(lines), len(folders), jsonl))
    for ci, msg in build_errors.items():
        print("warning: %s/%s: %s" % (cases[ci][0].folder, cases[ci][0].tc_id, msg), file=sys.stderr)
    if args.dry_run:
        return 0
    if args.check_inputs:
        check_inputs(args, cases, build_errors)
        if temp_jsonl:
            os.unlink(jsonl)
        return 0

    if not dmn_command_available(args.cli):
        print("warning: `%s --help` does not list a `dmn` command; results will be errors" % args.cli,
              file=sys.stderr)
    t0 = time.monotonic()
    answers = run_cli(args.cli, lines, args.line_timeout, args.verbose)
    elapsed = time.monotonic() - t0
    if temp_jsonl:
        os.unlink(jsonl)

    # answers per case
    per_case = collections.defaultdict(dict)  # ci -> {ri or None: answer}
    for (ci, ri), ans in zip(line_of, answers):
        per_case[ci][ri] = ans

    # models for which every line errored (typically a model that did not load): errorResult
    # passes there say nothing about the engine, so the summary counts them separately
    model_lines = collections.defaultdict(lambda: [0, 0])  # (folder, model) -> [lines, error lines]
    for (ci, _), ans in zip(line_of, answers):
        key = (cases[ci][0].level, cases[ci][0].folder, cases[ci][1])
        model_lines[key][0] += 1
        model_lines[key][1] += 1 if (ans is None or "error" in ans) else 0
    dead_models = {k for k, (n, e) in model_lines.items() if n and n == e}

    outcomes = []  # dicts for the report
    case_ok = {}
    for ci, (tc, model, dmns) in enumerate(cases):
        ok_all = True
        for ri, rn in enumerate(tc.results):
            if ci in build_errors:
                reason, ans = build_errors[ci], None
            else:
                ans = per_case[ci].get(None if tc.invocable else ri)
                reason = judge(tc, rn, ans, args.lenient_extra_keys)
            ok_all = ok_all and reason is None
            outcomes.append({
                "level": tc.level, "folder": tc.folder, "testFile": tc.test_file, "testCase": tc.tc_id,
                "resultNode": rn.name, "invocable": tc.invocable, "errorResult": rn.error_result,
                "expected": value_to_text(rn.expected), "actual": _answer_text(ans),
                "passed": reason is None, "reason": reason,
                "modelAllErrors": (tc.level, tc.folder, model) in dead_models})
        if not tc.results:  # nothing to check: count as passed only if the line did not fail
            ans = per_case[ci].get(None)
            ok_all = ci not in build_errors and not (ans and "error" in ans)
        case_ok[ci] = ok_all

    # per folder
    by_folder = collections.OrderedDict()
    for level, folder, _ in folders:
        by_folder[(level, folder)] = [0, 0]
    for ci, (tc, _, _) in enumerate(cases):
        c = by_folder[(tc.level, tc.folder)]
        c[1] += 1
        c[0] += 1 if case_ok[ci] else 0
    width = max([len(f) for _, f in by_folder] + [10])
    for (level, folder), (p, t) in by_folder.items():
        mark = "ok  " if p == t else "FAIL"
        print("%s L%s %-*s %4d/%-4d" % (mark, level, width, folder, p, t))

    if args.verbose:
        print()
        for o in outcomes:
            if not o["passed"]:
                print("FAIL %s %s %s %s\n     expected: %s\n     actual:   %s"
                      % (o["folder"], o["testFile"], o["testCase"], o["resultNode"],
                         o["expected"] + (" (errorResult)" if o["errorResult"] else ""), o["actual"]))
                if not o["reason"].startswith(("error: ", "expected an error or null")):
                    print("     reason:   %s" % o["reason"])

    print()
    tot_p = tot_t = rn_p = rn_t = 0
    for level in levels:
        idx = [ci for ci, c in enumerate(cases) if c[0].level == level]
        if not idx:
            continue
        p = sum(1 for ci in idx if case_ok[ci])
        rp = sum(1 for o in outcomes if o["level"] == level and o["passed"])
        rt = sum(1 for o in outcomes if o["level"] == level)
        nf = sum(1 for (l, _), _v in by_folder.items() if l == level)
        fp = sum(1 for (l, _), (a, b) in by_folder.items() if l == level and a == b)
        print("compliance-level-%s: %d/%d test cases (%.1f%%), %d/%d result nodes, %d/%d folders fully passing"
              % (level, p, len(idx), 100.0 * p / max(1, len(idx)), rp, rt, fp, nf))
        ep = sum(1 for o in outcomes if o["level"] == level and o["errorResult"] and o["passed"])
        et = sum(1 for o in outcomes if o["level"] == level and o["errorResult"])
        vac = sum(1 for o in outcomes if o["level"] == level and o["errorResult"] and o["passed"]
                  and o["modelAllErrors"])
        print("    of the result nodes: %d/%d expecting a value, %d/%d expecting an error (errorResult: "
              "any error or null passes; %d of those passes are in models where every line errored)"
              % (rp - ep, rt - et, ep, et, vac))
        tot_p, tot_t, rn_p, rn_t = tot_p + p, tot_t + len(idx), rn_p + rp, rn_t + rt
    print("total: %d/%d test cases (%.1f%%), %d/%d result nodes (%.1f%%) in %.1fs"
          % (tot_p, tot_t, 100.0 * tot_p / max(1, tot_t), rn_p, rn_t, 100.0 * rn_p / max(1, rn_t), elapsed))

    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump(outcomes, f, indent=1, ensure_ascii=False, default=str)
    return 0


def check_inputs(args, cases, build_errors):
    """Evaluate each distinct contextExpression with `feel --batch` and compare it with the inputs."""
    exprs = collections.OrderedDict()  # expression -> (case index, inputs)
    for ci, (tc, _, _) in enumerate(cases):
        if ci not in build_errors:
            exprs.setdefault(context_expression(tc.inputs), (ci, tc.inputs))
    items = list(exprs.items())
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, (expr, _) in enumerate(items):
            f.write(json.dumps({"id": str(i), "expression": expr}, ensure_ascii=False) + "\n")
        path = f.name
    p = subprocess.run(shlex.split(args.cli) + ["feel", "--batch", path], capture_output=True)
    os.unlink(path)
    out = [json.loads(l, parse_float=Decimal, parse_int=Decimal)
           for l in p.stdout.decode("utf-8", "replace").splitlines() if l.strip()]
    if len(out) != len(items):
        print("feel --batch answered %d of %d lines (exit %d): %s"
              % (len(out), len(items), p.returncode, p.stderr.decode("utf-8", "replace")[-500:]))
    bad = 0
    for (expr, (ci, inputs)), ans in zip(items, out):
        tc = cases[ci][0]
        if "error" in ans:
            reason = "error: " + ans["error"]
        elif ans.get("type") != "context":
            reason = "not a context: %s" % _answer_text(ans)
        else:
            reason = compare(("context", inputs), ans["value"], "context")
        if reason:
            bad += 1
            print("MISMATCH %s %s %s\n     feel:   %s\n     reason: %s"
                  % (tc.folder, tc.test_file, tc.tc_id, expr[:300], reason))
    print("%d distinct contextExpressions, %d evaluate to a context equal to the inputs, %d do not"
          % (len(items), len(out) - bad, bad + len(items) - len(out)))
    return 0


def _reorder(obj):
    keys = ["id", "models", "model", "decision", "context", "contextExpression"]
    return {k: obj[k] for k in keys if k in obj}


def _answer_text(ans):
    if ans is None:
        return "(no answer)"
    if "error" in ans:
        return "error: %s" % ans["error"]
    return "%s %s" % (ans.get("type"), _show(ans.get("value")))


def judge(tc, rn, ans, lenient_extra):
    """None when the result node passes, else the reason."""
    if ans is None:
        return "no answer from the CLI"
    if "error" in ans:
        if ans.get("_runner"):  # crash, stall, garbled output: never a pass, even for errorResult
            return "error: %s" % ans["error"]
        if rn.error_result:
            return None
        return "error: %s" % ans["error"]
    if "value" not in ans:
        return "answer without value or error"
    value, atype = ans.get("value"), ans.get("type")
    if tc.invocable:
        # a decision service with several outputs returns a context keyed by output decision names;
        # with one output it returns that decision's value itself
        single_whole = (len(tc.results) == 1 and rn.expected[0] == "context" and isinstance(value, dict)
                        and {n for n, _ in rn.expected[1]} == set(value.keys()))
        if isinstance(value, dict) and rn.name in value and not single_whole:
            value, atype = value[rn.name], None
        elif len(tc.results) != 1 and not (rn.error_result and value is None):
            return "service result has no entry %s: %s %s" % (json.dumps(rn.name), atype, _show(value))
    if rn.error_result:
        if value is None:
            return None
        return "expected an error or null, got %s" % _typed(atype, value)
    return compare(rn.expected, value, atype, lenient_extra)


def _typed(atype, value):
    return ("%s %s" % (atype, _show(value))) if atype else _show(value)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
