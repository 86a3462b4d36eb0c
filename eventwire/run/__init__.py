"""Runners: read inputs, skip what is stored, process in batches, write each batch with its ledger rows."""
