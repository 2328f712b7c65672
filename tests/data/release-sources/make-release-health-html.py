#!/usr/bin/env python3
"""Writes the Windows Server release-health page as HTML in Microsoft Learn's page structure,
from Learn's own Markdown rendering of the same page (no saved HTML copy exists; see README.md).

Headings become <h2 id=…>, the bold OS and calendar-year lines <p><strong>…</strong></p>,
tables <table class="table"> with <thead>/<tbody>, links <a href="…" data-linktype="external">,
the footnote mark ^\\*^ a <sup>*</sup>, and the front matter <meta name="…" content="…"> tags.

Usage: python3 make-release-health-html.py windows-server-release-info.2026-05-13.learn-markdown.md \
         > windows-server-release-info.2026-05-13.from-markdown.html
"""
import html
import re
import sys

LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def inline(text):
    out, last = [], 0
    for m in LINK.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        out.append('<a href="%s" data-linktype="external">%s</a>' % (html.escape(m.group(2)), html.escape(m.group(1))))
        last = m.end()
    out.append(html.escape(text[last:]))
    s = "".join(out).replace("^\\*^", "<sup>*</sup>")
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)


def cells(line):
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
meta, i = {}, 0
if lines and lines[0].strip() == "---":
    i = 1
    while i < len(lines) and lines[i].strip() != "---":
        if ":" in lines[i]:
            k, v = lines[i].split(":", 1)
            meta[k.strip()] = v.strip()
        i += 1
    i += 1
out = ['<!DOCTYPE html>', '<html class="layout layout-holy-grail" lang="en-us" dir="ltr">', '<head>',
       '\t<meta charset="utf-8" />', '\t<title>%s</title>' % html.escape(meta.get("title", ""))]
for k in ("ms.date", "updated_at", "ms.topic", "document_id", "git_commit_id"):
    if k in meta:
        out.append('\t<meta name="%s" content="%s" />' % (k, html.escape(meta[k])))
out += ['\t<script src="/_themes/docs.theme/master/en-us/_themes/global/deprecation.js"></script>', '</head>',
        '<body lang="en-us" dir="ltr">', '<main id="main" class="" role="main" data-bi-name="content" lang="en-us" dir="ltr">',
        '<div class="content">']
table = None
while i < len(lines):
    line = lines[i]
    t = line.strip()
    if t.startswith("|"):
        row = cells(t)
        if table is None:
            out.append('<div class="has-inner-focus"><table class="table table-sm margin-top-none">')
            out.append("<thead>\n<tr>\n%s\n</tr>\n</thead>\n<tbody>" % "\n".join("<th>%s</th>" % inline(c) for c in row))
            table = True
        elif not all(set(c) <= set("-: ") and c for c in row):
            out.append("<tr>\n%s\n</tr>" % "\n".join("<td>%s</td>" % inline(c) for c in row))
    else:
        if table:
            out.append("</tbody>\n</table></div>")
            table = None
        if t.startswith("#"):
            level = len(t) - len(t.lstrip("#"))
            text = t.lstrip("#").strip()
            slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
            out.append('<h%d id="%s">%s</h%d>' % (level, slug, inline(text), level))
        elif t:
            out.append("<p>%s</p>" % inline(t))
    i += 1
if table:
    out.append("</tbody>\n</table></div>")
out += ["</div>", "</main>", "</body>", "</html>", ""]
sys.stdout.write("\n".join(out))
