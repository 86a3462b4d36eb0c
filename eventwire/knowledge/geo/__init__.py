"""The gazetteer's own tables (read by ``eventwire.knowledge.gazetteer``, not by the generic knowledge loader).

A package only so that its TSV files are installed with eventwire (package data is collected per package).
"""
