"""PLOVER types, modes and contexts; CAMEO and ACLED mappings derived from them."""
