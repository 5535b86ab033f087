#!/usr/bin/env python3
"""Fills each ```java block that follows a `<!-- snippet: PATH#TAG -->` line of docs/TESTKIT.md
with the region between `// tag::TAG[]` and `// end::TAG[]` of PATH (dedented), in place.
DocSnippetsTest (examples/switchdev-controller) fails when the doc and the sources drift apart;
run this to bring the doc back in line after changing a tagged region."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parents[2]
doc_path = root / "docs" / "TESTKIT.md"
doc = doc_path.read_text()

def region(path, tag):
    lines = (root / path).read_text().splitlines()
    start = None
    for i, l in enumerate(lines):
        if l.strip() == f"// tag::{tag}[]":
            start = i + 1
        elif start is not None and l.strip() == f"// end::{tag}[]":
            body = lines[start:i]
            indent = min((len(x) - len(x.lstrip()) for x in body if x.strip()), default=0)
            return "".join(("" if not x.strip() else x[indent:]) + "\n" for x in body)
    sys.exit(f"{path}: no region {tag}")

pattern = re.compile(r"<!-- snippet: (\S+)#(\S+) -->\n```java\n.*?```", re.S)
doc = pattern.sub(lambda m: f"<!-- snippet: {m.group(1)}#{m.group(2)} -->\n```java\n{region(m.group(1), m.group(2))}```", doc)
doc_path.write_text(doc)
