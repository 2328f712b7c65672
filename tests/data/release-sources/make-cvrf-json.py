#!/usr/bin/env python3
"""Converts a real MSRC CVRF XML document into the JSON shape the same API serves with
`Accept: application/json` (no real JSON document was found; see README.md).

The JSON form uses the XML element names as PascalCase keys: text-only elements that carry
free text become {"Value": ...} objects (DocumentTitle, Description, Title, RestartRequired,
ID, Alias), list containers become arrays (RevisionHistory, Notes, Threats, Remediations,
ProductStatuses), ProductTree keeps nested Branch[].Items[] and a flat FullProductName[], and
Remediation Type is the numeric enum (2 = Vendor Fix; the other numbers are our guess).

Usage: python3 make-cvrf-json.py cvrf-2026-Jun.excerpt.xml > cvrf-2026-Jun.excerpt.converted.json
"""
import json
import sys
import xml.etree.ElementTree as ET

REMEDIATION_TYPES = {"Workaround": 0, "Mitigation": 1, "Vendor Fix": 2, "None Available": 3,
                     "Will Not Fix": 4, "Release Notes": 5, "Known Issue": 6}
VALUE_WRAPPED = {"DocumentTitle", "DocumentType", "Description", "Title", "RestartRequired", "ID", "Alias"}
LISTS = {"RevisionHistory", "Notes", "Threats", "Remediations", "ProductStatuses", "CVSSScoreSets",
         "Acknowledgments", "DocumentNotes"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def convert(el):
    name = local(el.tag)
    children = list(el)
    if name in LISTS:
        return [convert(c) for c in children]
    if not children:
        text = (el.text or "").strip()
        if el.attrib:
            out = {local(k): v for k, v in el.attrib.items()}
            out["Value"] = text
            return out
        return {"Value": text} if name in VALUE_WRAPPED else text
    out = {local(k): v for k, v in el.attrib.items()}
    if name == "Remediation" and "Type" in out:
        out["Type"] = REMEDIATION_TYPES.get(out["Type"], out["Type"])
    for c in children:
        key = local(c.tag)
        value = convert(c)
        if name == "Branch" and key in ("Branch", "FullProductName"):
            out.setdefault("Items", []).append(value)
        elif key in ("ProductID", "Vulnerability", "FullProductName", "Branch", "Revision", "Threat", "Remediation", "Note"):
            out.setdefault(key, []).append(value)
        else:
            out[key] = value
    return out


root = ET.parse(sys.argv[1]).getroot()
doc = convert(root)
for k in [k for k in doc if k.startswith("xmlns")]:
    del doc[k]
json.dump(doc, sys.stdout, ensure_ascii=False, separators=(",", ":"))
