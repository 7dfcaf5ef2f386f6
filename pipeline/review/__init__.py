"""Reviewing runs: the HTML report (report/), the annotation tools' formats (exchange/),
scoring against gold (evaluate), comparing runs (diff), corrections into a configs/ patch
(learn, themes_suggest) and the register of commitments (register). Imports run, io, components
and common, never cli."""
