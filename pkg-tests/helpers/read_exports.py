"""Reads the planner's exports with third-party readers and prints what they saw as JSON.

    python3 read_exports.py csv FILE   -> {"header": [...], "rows": [[...], ...]}
    python3 read_exports.py ics FILE   -> {"calendar": {...}, "events": [{...}, ...]}

CSV through Python's csv module (RFC 4180 dialect: CRLF, doubled quotes); iCalendar through
the icalendar package, which rejects malformed content lines, folding and escapes.
"""
import csv
import json
import sys

import icalendar


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        data = f.read()
    # Excel reads UTF-8 only after a byte-order mark.
    if not data.startswith("\ufeff"):
        raise SystemExit("CSV must start with a UTF-8 byte-order mark")
    data = data[1:]
    if "\r\n" not in data or data.replace("\r\n", "").count("\n") != data.count("\n") - data.count("\r\n"):
        raise SystemExit("CSV lines must end in CRLF")
    rows = list(csv.reader(data.splitlines(keepends=True), strict=True))
    return {"header": rows[0], "rows": rows[1:]}


def read_ics(path):
    with open(path, "rb") as f:
        raw = f.read()
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            raise SystemExit(f"content line longer than 75 octets: {line[:80]!r}")
    cal = icalendar.Calendar.from_ical(raw)
    events = []
    for event in cal.walk("VEVENT"):
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat(),
            "stamp": event.decoded("DTSTAMP").isoformat(),
            "categories": [str(c) for c in event.get("CATEGORIES").cats],
        })
    return {"calendar": {"version": str(cal["VERSION"]), "prodid": str(cal["PRODID"]), "name": str(cal.get("X-WR-CALNAME"))}, "events": events}


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps(read_csv(path) if kind == "csv" else read_ics(path)))
