#!/usr/bin/env python3
"""Deterministic generator of raw Bronze pages for Aurum (Meta Insights + Google SearchStream).

Writes a tree shaped exactly like the real APIs' saved responses:

    OUT/meta/act_<15 digits>/<pulltime>_<YYYY-MM>[_restate]/page_NNNN.json
    OUT/google/customer_<10 digits>/<pulltime>_<start>_<end>[_restate]/stream.json

Meta pages are compact JSON objects {"data": [...], "paging": {...}} with every number as a
JSON string, 18-digit ids, alphabetical `actions`/`action_values` arrays carrying several
purchase types at once (sometimes absent), `\\uXXXX` escapes for all non-ASCII text (emoji
as surrogate pairs) and `\\/` for slashes; a pull spans several pages when it exceeds the
page size (cursors, `previous`/`next` links). Google streams are pretty-printed arrays of
batches (proto3 JSON: int64 as strings, doubles as numbers, zero metrics omitted,
`fieldMask`, `requestId`). Names are Portuguese with quotes, commas, pipes, accents, emoji,
backslashes and leading = + - @ (to exercise CSV formula protection); campaigns are renamed
over time and every pull carries the names current at pull time.

--messy adds what real pipelines meet: restated re-pulls (`_restate` folders whose pull time
sorts after what they restate) with changed metrics and names, invalid rows of every
quarantine reason of the data contract (ids absent / "" / null, impossible dates, date
ranges, non-numeric and negative values of each metric), rows that look odd but are valid,
and duplicate rows inside one file. --bad-files adds files that are not data pages (API
error bodies, truncated JSON, an empty file, an HTML error page).

Deterministic: the same arguments give a byte-identical tree. Streaming: memory holds the
ad catalogue (a few bytes per ad) and one page or batch, never the whole data set.

Usage: python3 datasets/generate.py --out DIR --seed 7 --rows 100000 [--messy] [--bad-files]
See datasets/README.md.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import functools
import json
import os
import random
import shutil
import sys
from array import array
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------
# Name pools (Portuguese, deliberately awkward for CSV and JSON)
# --------------------------------------------------------------------------------------------

META_CAMPAIGNS = [
    "Black Friday | Conversões", 'Catálogo | Vendas "Advantage+"',
    "Remarketing | Carrinho Abandonado 🛒", "Prospecção | Lookalike 1% | Compradores",
    "Lançamento — Coleção Verão ☀️", "Liquidação de Inverno ❄️ | Até 70% OFF",
    "Natal 🎄 | Presentes até R$ 99,90", "Dia das Mães 💐 | Kits, Perfumes",
    "Leads | Formulário Instantâneo — Imóveis", "Tráfego | Blog, Conteúdo & Notícias",
    "Teste A/B \\ Criativos v2", "=Vendas | Catálogo Dinâmico",
    '-50% Queima de Estoque | "Últimas peças"', "+Engajamento | Reels 🎬",
    "@loja.oficial | Stories", "App | Instalações | iOS/Android",
    "Páscoa 🐰 | Chocolates, Ovos", "Institucional | Alcance São Paulo",
]
META_ADSETS = [
    "Lookalike 2% — Compradores 180d", "Engajamento IG | 365d", "Interesses: Moda, Calçados",
    "Mulheres 25-34 | SP, RJ", "Público Aberto | Brasil 🇧🇷", "Remarketing | Visitantes 7d",
    "Advantage+ Público", "=Teste | Público Amplo", 'Homens 35-44 | "Esportes"',
    "-Exclusão: Compradores 30d",
]
META_ADS = [
    "Imagem Única — Estática", 'Vídeo 15s "Oferta Imperdível"', "Carrossel | 5 produtos, 3 cores",
    "Criativo Ñandú c/ acentuação", "Coleção | Catálogo Dinâmico", "UGC | Depoimento 😍",
    "-20% no PIX | Estático", "Reels 9:16 | Música 🎵", "@influenciadora | Parceria",
]
GOOGLE_CAMPAIGNS = [
    "Search | Marca", "Search | Genéricas, Calçados", 'Search | Concorrentes "Premium"',
    "Performance Max | Loja Virtual", "Shopping | Eletrônicos 📺", "Display | Remarketing 30d",
    'YouTube | Awareness "Verão"', "=Search | Fórmula Teste", "-Search | Negativas, Exclusões",
    "+Search | Marca + Produto", "@Discovery | Público Similar", "Search | Ações / Promoções ⚡",
    "Demand Gen | Coleção Inverno ❄️",
]
GOOGLE_AD_GROUPS = [
    "Tênis Corrida", 'Eletrônicos | "Smart TV"', "Grupo de Recursos 1", "Marca | Exata",
    "Calçados, Femininos", "+Ofertas | Amplo", "Acessórios & Bolsas 👜", "=Teste | DSA",
]
GOOGLE_ADS = [  # None: responsive ads often have no name at all (the key is absent)
    "RSA | Genérica", 'RSA | Marca "Oficial"', "Anúncio Responsivo — Display", "=RSA | Teste",
    None, None, "Vídeo | Bumper 6s 🎥",
]
RENAME_SUFFIXES = [" | Q2", " | 2024", " | Escala", " | Teste", " | v2 🚀", " | Sempre Ativa"]
RENAME_PREFIX = "[ENCERRADA] "

META_CONVERSION_TYPES = ("offsite_conversion.fb_pixel_purchase", "omni_purchase", "purchase")
GOOGLE_FIELD_MASK = ("customer.id,customer.currencyCode,campaign.id,campaign.name,adGroup.id,"
                     "adGroup.name,adGroupAd.ad.id,adGroupAd.ad.name,metrics.impressions,"
                     "metrics.clicks,metrics.costMicros,metrics.conversions,"
                     "metrics.conversionsValue,segments.date")
WEEKDAY_FACTOR = (1.0, 1.05, 1.05, 1.0, 0.95, 0.8, 0.75)  # Monday .. Sunday

# --------------------------------------------------------------------------------------------
# Messy cases: (reason or "valid", variant). Every reason of the data contract appears.
# --------------------------------------------------------------------------------------------

_COMMON_INVALID = [
    ("missing_account_id", "absent"), ("missing_account_id", "empty"), ("missing_account_id", "null"),
    ("missing_ad_id", "absent"), ("missing_ad_id", "empty"), ("missing_ad_id", "null"),
    ("missing_campaign_id", "absent"), ("missing_campaign_id", "empty"),
    ("missing_date", "absent"), ("missing_date", "empty"),
    ("bad_date", "2024-02-30"), ("bad_date", "2023-13-01"), ("bad_date", "2024-1-05"),
    ("bad_date", "05/01/2024"), ("bad_date", "2024-02-29T00:00:00"),
    ("non_numeric_impressions", "n/a"), ("non_numeric_impressions", "1e3"),
    ("non_numeric_impressions", " 12"), ("non_numeric_impressions", "1_000"),
    ("non_numeric_impressions", "NaN"), ("non_numeric_impressions", ""),
    ("non_numeric_impressions", "12.0"), ("non_numeric_impressions", "9223372036854775808"),
    ("negative_impressions", "-12"),
    ("non_numeric_clicks", "3.5"), ("non_numeric_clicks", ""), ("negative_clicks", "-1"),
]
META_INVALID = _COMMON_INVALID + [
    ("bad_date_range", "next_day"),
    ("non_numeric_spend", "12,50"), ("non_numeric_spend", ""), ("non_numeric_spend", "1e2"),
    ("non_numeric_spend", ".5"), ("negative_spend", "-27.26"),
    ("non_numeric_conversions", "n/a"), ("non_numeric_conversions", ""),
    ("negative_conversions", "-1"),
    ("non_numeric_conversion_value", "abc"), ("non_numeric_conversion_value", ""),
    ("negative_conversion_value", "-155.22"),
]
GOOGLE_INVALID = _COMMON_INVALID + [
    ("missing_date", "no_segments"), ("non_numeric_impressions", "float_token"),
    ("non_numeric_spend", "12.5"), ("non_numeric_spend", "abc"), ("non_numeric_spend", ""),
    ("negative_spend", "-1023477"),
    ("non_numeric_conversions", "string"), ("non_numeric_conversions", ""),
    ("negative_conversions", "-1.0"),
    ("non_numeric_conversion_value", "string"), ("negative_conversion_value", "-12.5"),
]
META_ODD_VALID = [
    ("valid", "impressions_number"), ("valid", "date_stop_absent"), ("valid", "date_stop_empty"),
    ("valid", "garbage_in_unchosen_type"), ("valid", "chosen_type_twice"),
    ("valid", "values_prefer_other_type"), ("valid", "campaign_name_empty"),
    ("valid", "campaign_name_absent"), ("valid", "purchase_only"),
]
GOOGLE_ODD_VALID = [
    ("valid", "impressions_number"), ("valid", "cost_micros_number"),
    ("valid", "conversions_integer_token"), ("valid", "campaign_name_empty"), ("valid", "no_metrics"),
]

MESSY_RANDOM_INVALID_RATE = 0.004
MESSY_RANDOM_ODD_RATE = 0.002
MESSY_DUPLICATE_RATE = 0.003
MESSY_RESTATE_ROW_RATE = 0.03       # share of a window's rows in its first restatement
MESSY_RESTATE_INVALID_RATE = 0.05   # restated rows that are themselves invalid
META_RESTATE_DAYS = (10, 30)
GOOGLE_RESTATE_DAYS = (7, 21)


# --------------------------------------------------------------------------------------------
# Configuration and the ad catalogue
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Config:
    """All generator options (the CLI flags)."""
    out: str
    seed: int = 7
    rows: int = 10_000
    start: dt.date = dt.date(2024, 1, 1)
    days: int = 90
    meta_accounts: int = 2
    google_accounts: int = 2
    messy: bool = False
    bad_files: bool = False
    meta_page_size: int = 500
    google_batch_size: int = 10_000
    google_stream_rows_max: int = 50_000
    shape: str = "default"          # a data shape of SHAPES (what the layout section of the README lists)
    meta_pretty: bool = False       # pretty: Meta pages indented, UTF-8, keys in another order
    google_reordered: bool = False  # pretty: Google results with keys in another order, int64 sometimes numbers
    google_compact: bool = False    # big-file: Google results on one line, without resourceName
    google_file_rows: int = 0       # tiny-files: at most this many results per stream file (0: one file a pull)
    google_one_stream: bool = False  # big-file: one pull (one stream file) for the whole period
    long_names: bool = False        # long-names: names of 200-400 characters
    many_ids: bool = False          # many-ids: short-lived ads, one ad per ad set and per campaign


# Data shapes (--shape): each changes how the same kind of data is laid out or spelled, within the data
# contract, so that ingest is measured and checked on more than one layout. Options the user gives
# explicitly win over a shape's. `default` is the layout above, byte for byte.
SHAPES = {
    "default": {},
    "pretty": {"meta_pretty": True, "google_reordered": True},
    "small-pages": {"meta_page_size": 25, "google_batch_size": 100},
    "many-batches": {"google_batch_size": 8},
    "long-names": {"long_names": True},
    "many-ids": {"many_ids": True, "meta_accounts": 20, "google_accounts": 20},
    "tiny-files": {"meta_page_size": 1, "google_batch_size": 1, "google_file_rows": 1},
    "big-file": {"meta_accounts": 0, "google_accounts": 1, "google_one_stream": True,
                 "google_compact": True},
}

SHAPE_FLAGS = ("meta_pretty", "google_reordered", "google_compact", "google_file_rows", "google_one_stream",
               "long_names", "many_ids")  # Config fields that only shapes set (no flag of their own)


def rng_for(cfg: Config, *parts) -> random.Random:
    """An independent, reproducible random stream for one purpose (string seeds are stable)."""
    return random.Random("|".join(map(str, (cfg.seed,) + parts)))


def mix(*values: int) -> int:
    """A fast deterministic 64-bit hash of small integers (per-entity attributes)."""
    h = 0x9E3779B97F4A7C15
    for value in values:
        h = ((h ^ value) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        h ^= h >> 31
    return h


@dataclass
class Account:
    """One ad account: ids, currency and its ads' lifespans and hierarchy (compact arrays)."""
    source: str
    number: int
    account_id: str
    currency: str
    ad_start: array = field(default_factory=lambda: array("H"))
    ad_end: array = field(default_factory=lambda: array("H"))
    ad_adset: array = field(default_factory=lambda: array("I"))
    ad_hash: array = field(default_factory=lambda: array("Q"))
    adset_campaign: array = field(default_factory=lambda: array("I"))
    campaign_renames: list = field(default_factory=list)  # per campaign: sorted rename days
    unnamed_campaign: int = -1                             # messy: a campaign never named
    long_names: bool = False                               # shape long-names
    cache: dict = field(default_factory=dict)              # (ad, version) -> identity texts

    def campaign_of(self, ad: int) -> int:
        return self.adset_campaign[self.ad_adset[ad]]

    def name_version(self, campaign: int, day: int) -> int:
        """How many renames of the campaign happened on or before `day` (pull day)."""
        return sum(1 for rename in self.campaign_renames[campaign] if rename <= day)


def split_budget(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to weights summing exactly to total (largest remainder)."""
    if not weights:
        return []
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def build_accounts(cfg: Config) -> tuple[list[Account], list[Account]]:
    """Accounts of both sources with row budgets spread over ads, ad sets and campaigns."""
    rng = rng_for(cfg, "accounts")
    overhead = 1.0 + (MESSY_DUPLICATE_RATE + 0.6 * MESSY_RESTATE_ROW_RATE if cfg.messy else 0.0)
    base_rows = round(cfg.rows / overhead)
    sources = ["meta"] * cfg.meta_accounts + ["google"] * cfg.google_accounts
    budgets = split_budget(base_rows, [0.6 + 0.8 * rng.random() for _ in sources])
    seen_ids: set[str] = set()
    accounts = []
    for number, (source, budget) in enumerate(zip(sources, budgets)):
        digits = 15 if source == "meta" else 10
        account_id = str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))
        while account_id in seen_ids:
            account_id = str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))
        seen_ids.add(account_id)
        account = Account(source, number, account_id, "USD" if number % 3 == 2 else "BRL",
                          long_names=cfg.long_names)
        fill_catalogue(cfg, account, budget)
        accounts.append(account)
    return ([a for a in accounts if a.source == "meta"], [a for a in accounts if a.source == "google"])


def fill_catalogue(cfg: Config, account: Account, budget: int) -> None:
    """Ads with lifespans whose total active days equal the budget; grouped in the hierarchy."""
    rng = rng_for(cfg, "catalogue", account.number)
    days = cfg.days
    adsets_left = campaigns_left = 0
    while budget > 0:
        if cfg.many_ids:  # creatives of a day or two: ~16x the ads, ~40x the campaigns
            length = rng.randint(1, max(1, days // 30))
        elif rng.random() < 0.6:  # many short-lived creatives, some evergreen ones
            length = rng.randint(max(1, days // 15), max(1, days // 4))
        else:
            length = rng.randint(max(1, days // 3), days)
        length = min(budget, length)
        start = rng.randint(0, days - length)
        if adsets_left == 0:
            if campaigns_left == 0:
                account.campaign_renames.append(_rename_days(rng, days))
                campaigns_left = 1 if cfg.many_ids else rng.randint(1, 3)
            account.adset_campaign.append(len(account.campaign_renames) - 1)
            campaigns_left -= 1
            adsets_left = rng.randint(1, 2) if cfg.many_ids else rng.randint(1, 3)
        adsets_left -= 1
        account.ad_adset.append(len(account.adset_campaign) - 1)
        account.ad_start.append(start)
        account.ad_end.append(start + length - 1)
        account.ad_hash.append(mix(cfg.seed, account.number, len(account.ad_start)))
        budget -= length
    if cfg.messy and len(account.campaign_renames) >= 2 and account.number in (0, cfg.meta_accounts):
        account.unnamed_campaign = len(account.campaign_renames) - 1


def _rename_days(rng: random.Random, days: int) -> tuple:
    renames = []
    if rng.random() < 0.5:
        renames.append(rng.randint(1, days + 40))
        if rng.random() < 0.3:
            renames.append(renames[0] + rng.randint(5, 40))
    return tuple(sorted(renames))


# --------------------------------------------------------------------------------------------
# Ids and names
# --------------------------------------------------------------------------------------------

# Coprime with 10, so index -> (index * ID_STEP) mod 10^k is one-to-one: unique, random-looking ids.
ID_STEP = 982_451_653


def meta_ids(account: Account, campaign: int, adset: int, ad: int) -> tuple[str, str, str]:
    tag = f"{account.number % 100:02d}"
    return (f"2385{tag}{(campaign * ID_STEP + 1009) % 10 ** 12:012d}",
            f"2386{tag}{(adset * ID_STEP + 2003) % 10 ** 12:012d}",
            f"2387{tag}{(ad * ID_STEP + 3001) % 10 ** 12:012d}")


def google_ids(account: Account, campaign: int, adset: int, ad: int) -> tuple[str, str, str]:
    tag = account.number % 10
    return (f"20{tag}{(campaign * ID_STEP + 13) % 10 ** 8:08d}",
            f"1{tag}{(adset * ID_STEP + 17) % 10 ** 10:010d}",
            f"6{tag}{(ad * ID_STEP + 19) % 10 ** 10:010d}")


def campaign_name(account: Account, campaign: int, version: int) -> str | None:
    """Name of a campaign after `version` renames; None for the messy never-named campaign."""
    if campaign == account.unnamed_campaign:
        return None
    pool = META_CAMPAIGNS if account.source == "meta" else GOOGLE_CAMPAIGNS
    slot = (campaign * 7 + account.number * 5) % len(pool)
    name = pool[slot] + (f" #{campaign}" if campaign >= len(pool) else "")
    if version >= 1:
        name += RENAME_SUFFIXES[mix(account.number, campaign) % len(RENAME_SUFFIXES)]
    if version >= 2:
        name = RENAME_PREFIX + name
    return long_name(name, account, campaign) if account.long_names else name


def adset_name(account: Account, adset: int) -> str:
    pool = META_ADSETS if account.source == "meta" else GOOGLE_AD_GROUPS
    name = f"{pool[(adset * 3 + account.number) % len(pool)]} #{adset}"
    return long_name(name, account, 1_000_000 + adset) if account.long_names else name


def ad_name(account: Account, ad: int) -> str | None:
    if account.source == "meta":
        name = f"{META_ADS[(ad * 5 + account.number) % len(META_ADS)]} — {ad:02d}"
    else:
        base = GOOGLE_ADS[(ad * 5 + account.number) % len(GOOGLE_ADS)]
        name = None if base is None else f"{base} {ad}"
    return long_name(name, account, 2_000_000 + ad) if account.long_names and name is not None else name


# Pieces of long names: accents, emoji (surrogate pairs when escaped), quotes, backslashes, slashes,
# control-free but escape-heavy text.
LONG_NAME_PIECES = [
    "Promoção Relâmpago", '"Frete Grátis"', "São Paulo / Rio de Janeiro", "🔥🔥", "Coleção Outono–Inverno",
    "Público: Mulheres 25–44", "Criativo \\ v3", "Vídeo 9:16 🎬", 'Oferta "Imperdível" 50% OFF',
    "Ação de Natal 🎄🎁", "Remarketing | Visitantes 30d", "Ñandú & Açaí", "Tráfego → Conversões",
    "Lançamento 🚀", "Black Friday • Cyber Monday", "Catálogo Dinâmico (Advantage+)", "Até R$ 1.999,90",
    "Ùltima chamada ⏰", "Kit Presente 💝", "Teste A/B/C",
]


def long_name(name: str, account: Account, entity: int) -> str:
    """`name` grown to 200-400 characters with pieces drawn from the entity's hash (deterministic)."""
    h = mix(account.number, entity, 0x10A6)
    target = 200 + h % 201
    parts = [name]
    length = len(name)
    while length < target:
        h = mix(h, length)
        piece = LONG_NAME_PIECES[h % len(LONG_NAME_PIECES)]
        parts.append(piece)
        length += len(piece) + 3
    return " | ".join(parts)[:target]


def meta_text(value: str) -> str:
    """A JSON string literal as Meta writes it: ASCII only, \\uXXXX escapes, \\/ for '/'."""
    return json.dumps(value, ensure_ascii=True).replace("/", "\\/")


def google_text(value: str, escaped: bool = False) -> str:
    """A JSON string literal as Google writes it: UTF-8, only the mandatory escapes (`escaped`: every
    non-ASCII character as \\uXXXX, as other JSON writers do; the long-names shape mixes both)."""
    return json.dumps(value, ensure_ascii=escaped)


def identity(account: Account, ad: int, version: int) -> tuple:
    """(campaign_id, campaign_name, adset_id, adset_name, ad_id, ad_name) for an ad, cached."""
    key = (ad, version)
    found = account.cache.get(key)
    if found is None:
        if len(account.cache) > 200_000:
            account.cache.clear()
        adset = account.ad_adset[ad]
        campaign = account.adset_campaign[adset]
        ids = (meta_ids if account.source == "meta" else google_ids)(account, campaign, adset, ad)
        found = (ids[0], campaign_name(account, campaign, version), ids[1],
                 adset_name(account, adset), ids[2], ad_name(account, ad))
        if account.source == "google":
            found = found + (google_identity_block(account, found),)
        else:
            found = found + (meta_identity_prefix(account, found),)
        account.cache[key] = found
    return found


# --------------------------------------------------------------------------------------------
# Calendar: windows and pulls
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pull:
    """One saved API pull: the day range it covers and when it was made."""
    first_day: int   # day indexes relative to --start-date, inclusive
    last_day: int
    pulled_day: int  # day index of the pull (may lie after the data range)
    restate: bool = False
    hour: str = "060000"


@functools.lru_cache(maxsize=4096)
def iso_day(start: dt.date, day: int) -> str:
    """YYYY-MM-DD of a day index relative to the start date."""
    return (start + dt.timedelta(days=day)).isoformat()


def pull_stamp(cfg: Config, pull: Pull) -> str:
    return f"{(cfg.start + dt.timedelta(days=pull.pulled_day)).isoformat()}T{pull.hour}Z"


def meta_windows(cfg: Config) -> list[tuple[int, int]]:
    """Calendar months intersected with the data range, as (first_day, last_day)."""
    windows, day = [], 0
    while day < cfg.days:
        date = cfg.start + dt.timedelta(days=day)
        next_month = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = min(cfg.days - 1, day + (next_month - date).days - 1)
        windows.append((day, last))
        day = last + 1
    return windows


def google_windows(cfg: Config, account: Account) -> list[tuple[int, int]]:
    """Weeks from --start-date; single days when a week would exceed the stream size cap."""
    weekly_rows = 7 * sum(account.ad_end[i] - account.ad_start[i] + 1
                          for i in range(len(account.ad_start))) / max(1, cfg.days)
    span = 7 if weekly_rows <= cfg.google_stream_rows_max else 1
    if cfg.google_one_stream:
        span = cfg.days
    return [(day, min(cfg.days - 1, day + span - 1)) for day in range(0, cfg.days, span)]


def meta_folder(cfg: Config, account: Account, pull: Pull) -> str:
    month = (cfg.start + dt.timedelta(days=pull.first_day)).strftime("%Y-%m")
    name = f"{pull_stamp(cfg, pull)}_{month}" + ("_restate" if pull.restate else "")
    return os.path.join(cfg.out, "meta", f"act_{account.account_id}", name)


def google_folder(cfg: Config, account: Account, pull: Pull) -> str:
    first = (cfg.start + dt.timedelta(days=pull.first_day)).isoformat()
    last = (cfg.start + dt.timedelta(days=pull.last_day)).isoformat()
    name = f"{pull_stamp(cfg, pull)}_{first}_{last}" + ("_restate" if pull.restate else "")
    return os.path.join(cfg.out, "google", f"customer_{account.account_id}", name)


# --------------------------------------------------------------------------------------------
# Messiness plan
# --------------------------------------------------------------------------------------------

class MessPlan:
    """Decides, per generated row, whether it is corrupted, made oddly-valid or duplicated.

    Every case of the source's lists is forced at a position drawn in advance (so a modest
    data set covers every quarantine reason); on top of that rows are hit at random rates.
    """

    def __init__(self, cfg: Config, source: str, base_rows: int):
        self.enabled = cfg.messy
        self.invalid = META_INVALID if source == "meta" else GOOGLE_INVALID
        self.odd = META_ODD_VALID if source == "meta" else GOOGLE_ODD_VALID
        self.rng = rng_for(cfg, "mess", source)
        self.position = 0
        self.forced = {}
        self.planned: dict[str, int] = {}  # reason -> invalid rows written (for cross-checks)
        if self.enabled and base_rows > 0:
            cases = self.invalid + self.odd
            spots = self.rng.sample(range(base_rows), min(base_rows, len(cases)))
            self.forced = dict(zip(spots, cases))

    def next_case(self, restated: bool = False):
        """The case for the next row (None: clean), advancing the position for base rows."""
        if not self.enabled:
            return None
        case = self._draw(restated)
        if case is not None and case[0] != "valid":
            self.planned[case[0]] = self.planned.get(case[0], 0) + 1
        return case

    def _draw(self, restated: bool):
        rnd = self.rng.random()
        if restated:
            return self.rng.choice(self.invalid) if rnd < MESSY_RESTATE_INVALID_RATE else None
        case = self.forced.pop(self.position, None)
        self.position += 1
        if case is not None:
            return case
        if rnd < MESSY_RANDOM_INVALID_RATE:
            return self.rng.choice(self.invalid)
        if rnd < MESSY_RANDOM_INVALID_RATE + MESSY_RANDOM_ODD_RATE:
            return self.rng.choice(self.odd)
        return None

    def duplicate(self) -> bool:
        return self.enabled and self.rng.random() < MESSY_DUPLICATE_RATE


# --------------------------------------------------------------------------------------------
# Meta rows and pages
# --------------------------------------------------------------------------------------------

def cents_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


@dataclass
class MetaMeasures:
    """What Meta reports for one ad-day, already as the strings it sends."""
    impressions: str
    clicks: str
    spend: str
    reach: str | None
    actions: list        # [(action_type, value text)], alphabetical
    action_values: list


def meta_measures(cfg: Config, account: Account, ad: int, day: int, rnd) -> MetaMeasures:
    """Draw one ad-day: delivery, clicks, spend, reach and purchases under several types."""
    h = account.ad_hash[ad]
    if rnd() < 0.06:  # low delivery: no clicks, no actions at all
        impressions, clicks = 1 + int(rnd() * 40), 0
    else:
        weekday = (cfg.start.weekday() + day) % 7
        impressions = 1 + int((150 + h % 2500) * WEEKDAY_FACTOR[weekday] * (0.4 + 1.2 * rnd()))
        clicks = int(impressions * (4 + (h >> 12) % 30) / 1000 * (0.5 + rnd()))
    spend = int(impressions * (800 + (h >> 17) % 3000) / 1000 * (0.8 + 0.4 * rnd()))
    reach = str(max(1, int(impressions * (0.55 + 0.35 * rnd())))) if rnd() < 0.9 else None
    purchases = int(clicks * (5 + (h >> 22) % 60) / 1000 * 4 * rnd())
    values = meta_action_values(purchases, 60 + (h >> 28) % 240, rnd) if purchases else []
    return MetaMeasures(str(impressions), str(clicks), cents_text(spend), reach,
                        meta_actions(impressions, clicks, purchases, rnd), values)


def meta_row(cfg: Config, account: Account, ad: int, day: int, version: int, rnd) -> dict:
    """One Meta Insights row as a dict (for rows that need surgery before printing)."""
    return meta_row_dict(account, identity(account, ad, version), iso_day(cfg.start, day),
                         meta_measures(cfg, account, ad, day, rnd))


def meta_row_dict(account: Account, ident: tuple, date: str, m: MetaMeasures) -> dict:
    campaign_id, campaign, adset_id, adset, ad_id, name = ident[:6]
    row = {"account_id": account.account_id, "account_currency": account.currency,
           "campaign_id": campaign_id}
    if campaign is not None:
        row["campaign_name"] = campaign
    row.update(adset_id=adset_id, adset_name=adset, ad_id=ad_id, ad_name=name,
               date_start=date, date_stop=date, impressions=m.impressions, clicks=m.clicks,
               spend=m.spend)
    if m.reach is not None:
        row["reach"] = m.reach
    if m.actions:
        row["actions"] = [{"action_type": kind, "value": value} for kind, value in m.actions]
    if m.action_values:
        row["action_values"] = [{"action_type": kind, "value": value} for kind, value in m.action_values]
    return row


def meta_identity_prefix(account: Account, ident: tuple) -> str:
    """The fixed leading part of an ad's row text, exactly as meta_text_document prints it."""
    campaign_id, campaign, adset_id, adset, ad_id, name = ident
    text = (f'{{"account_id":"{account.account_id}","account_currency":"{account.currency}",'
            f'"campaign_id":"{campaign_id}",')
    if campaign is not None:
        text += f'"campaign_name":{meta_text(campaign)},'
    return text + (f'"adset_id":"{adset_id}","adset_name":{meta_text(adset)},"ad_id":"{ad_id}",'
                   f'"ad_name":{meta_text(name)},')


def _entries_text(entries: list) -> str:
    return ",".join(['{"action_type":"%s","value":"%s"}' % entry for entry in entries])


def meta_row_text(ident: tuple, date: str, m: MetaMeasures) -> str:
    """A clean row printed directly (same bytes as meta_text_document(meta_row_dict(...)))."""
    text = (f'{ident[6]}"date_start":"{date}","date_stop":"{date}","impressions":"{m.impressions}",'
            f'"clicks":"{m.clicks}","spend":"{m.spend}"')
    if m.reach is not None:
        text += f',"reach":"{m.reach}"'
    if m.actions:
        text += ',"actions":[' + _entries_text(m.actions) + "]"
    if m.action_values:
        text += ',"action_values":[' + _entries_text(m.action_values) + "]"
    return text + "}"


def _purchase_types(rnd) -> tuple:
    draw = rnd()
    if draw < 0.65:
        return META_CONVERSION_TYPES
    if draw < 0.9:
        return ("offsite_conversion.fb_pixel_purchase", "purchase")
    return ("offsite_conversion.fb_pixel_purchase",)


def meta_actions(impressions: int, clicks: int, purchases: int, rnd) -> list:
    """Alphabetical actions; several purchase types report the same purchases."""
    counts = {}
    if purchases or rnd() < 0.1:
        counts["add_to_cart"] = purchases + int(rnd() * 3)
    if clicks:
        counts["landing_page_view"] = int(clicks * (0.6 + 0.3 * rnd()))
        counts["link_click"] = clicks
        counts["post_engagement"] = clicks + int(impressions * 0.002)
    if purchases:
        for kind in _purchase_types(rnd):
            counts[kind] = purchases if rnd() < 0.85 else max(1, purchases - 1)
    return [(kind, str(counts[kind])) for kind in sorted(counts) if counts[kind] > 0]


def meta_action_values(purchases: int, ticket: int, rnd) -> list:
    base = purchases * ticket * 100 * (0.8 + 0.4 * rnd())
    return [(kind, cents_text(int(base * (0.85 + 0.15 * rnd())))) for kind in sorted(_purchase_types(rnd))]


def _chosen_entry(entries: list) -> dict:
    """The entry the contract's preference order would choose (omni > purchase > pixel)."""
    for kind in ("omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"):
        for entry in entries:
            if entry["action_type"] == kind:
                return entry
    raise ValueError("no purchase entry")


def _ensure_purchases(row: dict) -> None:
    """Give a row all three purchase types (so a conversion case has something to corrupt)."""
    actions = [e for e in row.get("actions", []) if e["action_type"] not in META_CONVERSION_TYPES]
    values = [e for e in row.get("action_values", []) if e["action_type"] not in META_CONVERSION_TYPES]
    actions += [{"action_type": kind, "value": "2"} for kind in META_CONVERSION_TYPES]
    values += [{"action_type": kind, "value": f"{180 + i}.40"} for i, kind in enumerate(META_CONVERSION_TYPES)]
    row["actions"] = sorted(actions, key=lambda e: e["action_type"])
    row["action_values"] = sorted(values, key=lambda e: e["action_type"])


_META_FIELD = {"missing_account_id": "account_id", "missing_ad_id": "ad_id",
               "missing_campaign_id": "campaign_id", "non_numeric_impressions": "impressions",
               "negative_impressions": "impressions", "non_numeric_clicks": "clicks",
               "negative_clicks": "clicks", "non_numeric_spend": "spend", "negative_spend": "spend"}


def apply_meta_case(row: dict, case: tuple) -> None:
    """Turn a clean Meta row into one that fails (or oddly passes) as the case says."""
    reason, variant = case
    if reason in ("missing_account_id", "missing_ad_id", "missing_campaign_id"):
        _set_missing(row, _META_FIELD[reason], variant)
    elif reason == "missing_date":
        _set_missing(row, "date_start", variant)
        _set_missing(row, "date_stop", variant)
    elif reason == "bad_date":
        row["date_start"] = row["date_stop"] = variant
    elif reason == "bad_date_range":
        stop = dt.date.fromisoformat(row["date_start"]) + dt.timedelta(days=1)
        row["date_stop"] = stop.isoformat()
    elif reason in _META_FIELD:
        row[_META_FIELD[reason]] = variant
    elif reason in ("non_numeric_conversions", "negative_conversions"):
        _ensure_purchases(row)
        _chosen_entry(row["actions"])["value"] = variant
    elif reason in ("non_numeric_conversion_value", "negative_conversion_value"):
        _ensure_purchases(row)
        _chosen_entry(row["action_values"])["value"] = variant
    else:
        apply_meta_odd_case(row, variant)


def _set_missing(row: dict, key: str, variant: str) -> None:
    if variant == "absent":
        row.pop(key, None)
    else:
        row[key] = "" if variant == "empty" else None


def apply_meta_odd_case(row: dict, variant: str) -> None:
    """Valid rows that a careless parser would get wrong."""
    if variant == "impressions_number":
        row["impressions"] = int(row["impressions"])  # a JSON number token: valid
    elif variant == "date_stop_absent":
        del row["date_stop"]
    elif variant == "date_stop_empty":
        row["date_stop"] = ""
    elif variant == "campaign_name_empty":
        row["campaign_name"] = ""
    elif variant == "campaign_name_absent":
        row.pop("campaign_name", None)
    else:
        _ensure_purchases(row)
        if variant == "garbage_in_unchosen_type":  # omni is chosen: the pixel value is ignored
            for entry in row["actions"]:
                if entry["action_type"] == "offsite_conversion.fb_pixel_purchase":
                    entry["value"] = "n/a"
        elif variant == "chosen_type_twice":       # entries of the chosen type are summed
            row["actions"].append({"action_type": "omni_purchase", "value": "1"})
            row["actions"].sort(key=lambda e: e["action_type"])
        elif variant == "values_prefer_other_type":  # conversion value chosen on its own
            row["action_values"] = [e for e in row["action_values"] if e["action_type"] != "omni_purchase"]
        elif variant == "purchase_only":
            row["actions"] = [e for e in row["actions"] if e["action_type"] not in
                              ("omni_purchase", "offsite_conversion.fb_pixel_purchase")]


class MetaPullWriter:
    """Streams the rows of one Meta pull into page_NNNN.json files of at most page_size rows."""

    def __init__(self, cfg: Config, account: Account, pull: Pull, expected_rows: int):
        self.cfg, self.account, self.pull = cfg, account, pull
        self.folder = meta_folder(cfg, account, pull)
        self.width = max(4, len(str(expected_rows // max(1, cfg.meta_page_size) + 2)))
        self.rows: list = []
        self.page = 0
        self.written = 0

    def add(self, row: dict, keep_with_previous: bool = False) -> None:
        if len(self.rows) >= self.cfg.meta_page_size and not keep_with_previous:
            self._flush(more=True)
        self.rows.append(row)

    def close(self) -> None:
        if self.rows:
            self._flush(more=False)

    def _cursor(self, offset: int, end: str) -> str:
        tag = f"{self.pull.pulled_day}{'r' if self.pull.restate else ''}|{offset}|{end}"
        return base64.urlsafe_b64encode(tag.encode()).decode().rstrip("=")

    def _flush(self, more: bool) -> None:
        self.page += 1
        before = self._cursor(self.written, "b")
        after = self._cursor(self.written + len(self.rows), "a")
        paging = {"cursors": {"before": before, "after": after}}
        if self.page > 1:
            paging["previous"] = self._url("before", before)
        if more:
            paging["next"] = self._url("after", after)
        if self.cfg.meta_pretty:
            text = meta_pretty_document(self.rows, paging)
        else:
            rows = ",".join([row if isinstance(row, str) else meta_text_document(row) for row in self.rows])
            text = '{"data":[' + rows + '],"paging":' + meta_text_document(paging) + "}"
        os.makedirs(self.folder, exist_ok=True)
        path = os.path.join(self.folder, f"page_{self.page:0{self.width}d}.json")
        with open(path, "w", encoding="utf-8" if self.cfg.meta_pretty else "ascii", newline="") as out:
            out.write(text)
        self.written += len(self.rows)
        self.rows = []

    def _url(self, direction: str, cursor: str) -> str:
        first = (self.cfg.start + dt.timedelta(days=self.pull.first_day)).isoformat()
        last = (self.cfg.start + dt.timedelta(days=self.pull.last_day)).isoformat()
        return (f"https://graph.facebook.com/v19.0/act_{self.account.account_id}/insights?"
                f"level=ad&time_increment=1&time_range=%7B%22since%22%3A%22{first}%22%2C"
                f"%22until%22%3A%22{last}%22%7D&limit={self.cfg.meta_page_size}&{direction}={cursor}")


def meta_text_document(document) -> str:
    """Compact JSON as Meta sends it: ASCII with \\uXXXX escapes and \\/ (no trailing newline)."""
    return json.dumps(document, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def reversed_keys(value):
    """`value` with every object's keys in reverse order (JSON objects are unordered: a reader must cope)."""
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


def meta_pretty_document(rows: list, paging: dict) -> str:
    """Shape pretty: a Meta page indented with newlines, UTF-8 text, unescaped slashes, `paging` before
    `data` and every row's keys in reverse order (the same values as the compact page)."""
    data = [json.loads(row) if isinstance(row, str) else row for row in rows]
    page = {"paging": reversed_keys(paging), "data": reversed_keys(data)}
    return json.dumps(page, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# Google rows and streams
# --------------------------------------------------------------------------------------------

def google_identity_block(account: Account, ident: tuple) -> str:
    """The pretty-printed customer/campaign/adGroup/adGroupAd part of a result (fixed per ad)."""
    campaign_id, campaign, adset_id, adset, ad_id, name = ident
    customer = account.account_id
    escaped = account.long_names  # long-names: campaign and ad names with \\uXXXX escapes, ad groups in UTF-8
    ad_lines = f'          "id": "{ad_id}"' + (f',\n          "name": {google_text(name, escaped)}'
                                               if name is not None else "")
    campaign_name_line = f',\n        "name": {google_text(campaign, escaped)}' if campaign is not None else ""
    return (
        "    {\n"
        '      "customer": {\n'
        f'        "resourceName": "customers/{customer}",\n'
        f'        "id": "{customer}",\n'
        f'        "currencyCode": "{account.currency}"\n'
        "      },\n"
        '      "campaign": {\n'
        f'        "resourceName": "customers/{customer}/campaigns/{campaign_id}",\n'
        f'        "id": "{campaign_id}"{campaign_name_line}\n'
        "      },\n"
        '      "adGroup": {\n'
        f'        "resourceName": "customers/{customer}/adGroups/{adset_id}",\n'
        f'        "id": "{adset_id}",\n'
        f'        "name": {google_text(adset)}\n'
        "      },\n"
        '      "adGroupAd": {\n'
        f'        "resourceName": "customers/{customer}/adGroupAds/{adset_id}~{ad_id}",\n'
        '        "ad": {\n'
        f"{ad_lines}\n"
        "        }\n"
        "      },\n")


def google_metrics(cfg: Config, account: Account, ad: int, day: int, rnd) -> dict:
    """Non-zero metrics of one ad-day (proto3 JSON: int64 as strings, doubles as floats)."""
    if rnd() < 0.03:
        return {}
    h = account.ad_hash[ad]
    weekday = (cfg.start.weekday() + day) % 7
    impressions = int((100 + h % 3000) * WEEKDAY_FACTOR[weekday] * (0.4 + 1.2 * rnd()))
    clicks = int(impressions * (5 + (h >> 12) % 40) / 1000 * (0.5 + rnd()))
    cost = int(clicks * (300_000 + (h >> 18) % 2_700_000) * (0.7 + 0.6 * rnd()))
    if clicks == 0 and impressions and rnd() < 0.5:
        cost = int(impressions * 20_000 * rnd())
    conversions = float(int(clicks * (10 + (h >> 24) % 60) / 1000 * 3 * rnd()))
    if conversions and rnd() < 0.25:  # data-driven attribution gives fractions
        conversions = round(conversions - 0.5 * rnd(), 2)
    value = round(conversions * (50 + (h >> 30) % 400) * (0.8 + 0.4 * rnd()), 2)
    metrics = {"impressions": str(impressions), "clicks": str(clicks), "costMicros": str(cost),
               "conversions": conversions, "conversionsValue": value}
    return {key: v for key, v in metrics.items() if v not in ("0", 0.0)}


def google_result_text(ident: tuple, metrics: dict, date: str) -> str:
    """A clean result, pretty-printed exactly like json.dumps(indent=2) nested in a batch."""
    if metrics:
        lines = [f'        "{key}": ' + (f'"{v}"' if isinstance(v, str) else repr(v))
                 for key, v in metrics.items()]
        metrics_text = '      "metrics": {\n' + ",\n".join(lines) + "\n      },\n"
    else:
        metrics_text = ""
    return (ident[6] + metrics_text + '      "segments": {\n'
            f'        "date": "{date}"\n      }}\n    }}')


def google_result_object(account: Account, ident: tuple, metrics: dict, date: str) -> dict:
    """The same result as a dict, for cases that need surgery before printing."""
    campaign_id, campaign, adset_id, adset, ad_id, name = ident[:6]
    customer = account.account_id
    result = {
        "customer": {"resourceName": f"customers/{customer}", "id": customer,
                     "currencyCode": account.currency},
        "campaign": {"resourceName": f"customers/{customer}/campaigns/{campaign_id}", "id": campaign_id},
        "adGroup": {"resourceName": f"customers/{customer}/adGroups/{adset_id}", "id": adset_id,
                    "name": adset},
        "adGroupAd": {"resourceName": f"customers/{customer}/adGroupAds/{adset_id}~{ad_id}",
                      "ad": {"id": ad_id}},
    }
    if campaign is not None:
        result["campaign"]["name"] = campaign
    if name is not None:
        result["adGroupAd"]["ad"]["name"] = name
    if metrics:
        result["metrics"] = dict(metrics)
    result["segments"] = {"date": date}
    return result


def pretty_result(result: dict) -> str:
    """json.dumps(indent=2) of a result, indented to sit inside a batch's results array."""
    text = json.dumps(result, indent=2, ensure_ascii=False)
    return "\n".join("    " + line for line in text.split("\n"))


_GOOGLE_PATH = {"missing_account_id": ("customer", "id"), "missing_ad_id": ("adGroupAd", "ad", "id"),
                "missing_campaign_id": ("campaign", "id"), "missing_date": ("segments", "date"),
                "bad_date": ("segments", "date")}
_GOOGLE_METRIC = {"impressions": "impressions", "clicks": "clicks", "spend": "costMicros",
                  "conversions": "conversions", "conversion_value": "conversionsValue"}


def apply_google_case(result: dict, case: tuple) -> None:
    """Turn a clean Google result into one that fails (or oddly passes) as the case says."""
    reason, variant = case
    if reason == "missing_date" and variant == "no_segments":
        del result["segments"]
    elif reason in _GOOGLE_PATH:
        *parents, key = _GOOGLE_PATH[reason]
        holder = result
        for name in parents:
            holder = holder[name]
        if reason == "bad_date":
            holder[key] = variant
        else:
            _set_missing(holder, key, variant)
    elif reason == "valid":
        apply_google_odd_case(result, variant)
    else:
        metric = reason.split("_", 1)[1] if reason.startswith("negative_") else reason[len("non_numeric_"):]
        result.setdefault("metrics", {})[_GOOGLE_METRIC[metric]] = _google_bad_value(metric, variant)


def _google_bad_value(metric: str, variant: str):
    if variant == "float_token":
        return 12.5                                    # a JSON number that is not an integer
    if metric in ("conversions", "conversion_value"):
        if variant == "string":
            return "2.0" if metric == "conversions" else "150.00"  # strings are not doubles here
        if variant == "":
            return ""
        return float(variant)                          # negative double
    return variant


def apply_google_odd_case(result: dict, variant: str) -> None:
    metrics = result.setdefault("metrics", {"impressions": "120", "clicks": "3", "costMicros": "4500000"})
    if variant == "impressions_number":
        metrics["impressions"] = int(metrics.get("impressions", "0"))
    elif variant == "cost_micros_number":
        metrics["costMicros"] = int(metrics.get("costMicros", "0"))
    elif variant == "conversions_integer_token":
        metrics["conversions"] = 2                     # JSON number without a fraction: valid
        metrics.setdefault("conversionsValue", 199.9)
    elif variant == "campaign_name_empty":
        result["campaign"]["name"] = ""
    elif variant == "no_metrics":
        del result["metrics"]


class GoogleStreamWriter:
    """Streams results of one Google pull into stream.json, batch by batch, row by row."""

    def __init__(self, cfg: Config, account: Account, pull: Pull):
        self.cfg, self.account, self.pull = cfg, account, pull
        self.folder = google_folder(cfg, account, pull)
        self.path = os.path.join(self.folder, "stream.json")
        self.in_batch = 0
        self.in_file = 0
        self.files = 0
        self.results = 0
        self.batches = 0
        self.out = None
        self.rng = rng_for(cfg, "request", account.number, pull.pulled_day, pull.first_day, pull.restate)

    def add(self, result_text: str) -> None:
        if self.cfg.google_file_rows and self.in_file == self.cfg.google_file_rows:
            self._end_file()
        if self.in_batch == self.cfg.google_batch_size:
            self._end_batch()
        if self.in_batch == 0:
            self._begin_batch()
        else:
            self.out.write("," if self.cfg.google_compact else ",\n")
        self.out.write(self._shaped(result_text))
        self.in_batch += 1
        self.in_file += 1
        self.results += 1

    def _shaped(self, result_text: str) -> str:
        """The result as the shape spells it (default: as given, pretty-printed inside the batch)."""
        if not (self.cfg.google_compact or self.cfg.google_reordered):
            return result_text
        result = json.loads(result_text)
        if self.cfg.google_compact:  # resourceName is not in the contract's fields: a terse client drops it
            for part in result.values():
                if isinstance(part, dict):
                    part.pop("resourceName", None)
            return json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        if self.results % 2 == 1:
            _numbers_as_tokens(result.get("metrics"))
        text = json.dumps(reversed_keys(result), indent=4, ensure_ascii=False)
        return "\n".join("    " + line for line in text.split("\n"))

    def _begin_batch(self) -> None:
        if self.out is None:
            if self.cfg.google_file_rows:  # several files per pull: names sort in stream order
                self.path = os.path.join(self.folder, f"stream_{self.files + 1:06d}.json")
            os.makedirs(self.folder, exist_ok=True)
            self.out = open(self.path, "w", encoding="utf-8", newline="", buffering=1 << 20)
            self.out.write("[")
        else:
            self.out.write(",")
        self.out.write('{"results":[' if self.cfg.google_compact else '{\n  "results": [\n')

    def _end_batch(self) -> None:
        request_id = base64.urlsafe_b64encode(self.rng.randbytes(12)).decode().rstrip("=")
        if self.cfg.google_compact:
            self.out.write(f'],"fieldMask":"{GOOGLE_FIELD_MASK}","requestId":"{request_id}"}}')
        else:
            self.out.write('\n  ],\n'
                           f'  "fieldMask": "{GOOGLE_FIELD_MASK}",\n  "requestId": "{request_id}"\n}}')
        self.batches += 1
        self.in_batch = 0

    def _end_file(self) -> None:
        if self.in_batch:
            self._end_batch()
        if self.out is not None:
            self.out.write("]\n")
            self.out.close()
            self.out = None
            self.files += 1
            self.in_file = 0

    def close(self) -> None:
        self._end_file()


def _numbers_as_tokens(metrics) -> None:
    """int64 metrics as JSON integer tokens and whole doubles without a fraction (`3`, not `3.0`), as proto3
    JSON readers accept; only values that stay valid (plain non-negative integers, at most 18 digits)."""
    if not isinstance(metrics, dict):
        return
    for key in ("impressions", "clicks", "costMicros"):
        value = metrics.get(key)
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18 \
                and (value == "0" or not value.startswith("0")):
            metrics[key] = int(value)
    for key in ("conversions", "conversionsValue"):
        value = metrics.get(key)
        if isinstance(value, float) and value >= 0 and value.is_integer() and value < 1e15:
            metrics[key] = int(value)


# --------------------------------------------------------------------------------------------
# Pulls
# --------------------------------------------------------------------------------------------

def active_ads(account: Account, first_day: int, last_day: int) -> list[int]:
    return [ad for ad in range(len(account.ad_start))
            if account.ad_start[ad] <= last_day and account.ad_end[ad] >= first_day]


def restate_pulls(cfg: Config, rng: random.Random, first: int, last: int, pulled: int,
                  offsets: tuple) -> list[Pull]:
    """0, 1 or 2 later re-pulls of a window (messy only)."""
    if not cfg.messy:
        return []
    draw = rng.random()
    count = 0 if draw < 0.5 else (1 if draw < 0.9 else 2)
    return [Pull(first, last, pulled + offsets[k], restate=True) for k in range(count)]


def restate_targets(rnd_value: float, restates: int) -> tuple:
    """Which restatements (0-based) a row goes into, from one uniform draw."""
    first = rnd_value < MESSY_RESTATE_ROW_RATE
    second = rnd_value < MESSY_RESTATE_ROW_RATE / 2 or (
        MESSY_RESTATE_ROW_RATE <= rnd_value < 1.4 * MESSY_RESTATE_ROW_RATE)
    return tuple(k for k, hit in enumerate((first, second)) if hit and k < restates)


def write_meta_account(cfg: Config, account: Account, plan: MessPlan) -> int:
    """All monthly pulls (and restatements) of one Meta account; returns rows written."""
    rows = 0
    rng = rng_for(cfg, "pulls", account.number)
    for first, last in meta_windows(cfg):
        pull = Pull(first, last, last + 1)
        restates = restate_pulls(cfg, rng, first, last, pull.pulled_day, META_RESTATE_DAYS)
        picks: list[list] = [[] for _ in restates]
        ads = active_ads(account, first, last)
        writer = MetaPullWriter(cfg, account, pull, len(ads) * (last - first + 1))
        versions = {}
        rnd = rng_for(cfg, "meta", account.number, first).random
        for day in range(first, last + 1):
            for ad in ads:
                if not account.ad_start[ad] <= day <= account.ad_end[ad]:
                    continue
                rows += emit_meta_row(cfg, account, writer, plan, ad, day, pull, versions, rnd)
                if restates:
                    for k in restate_targets(rnd(), len(restates)):
                        picks[k].append((ad, day))
        writer.close()
        for k, restate in enumerate(restates):
            rows += write_meta_restatement(cfg, account, plan, restate, picks[k])
    return rows


def _version(account: Account, ad: int, pull: Pull, versions: dict) -> int:
    campaign = account.campaign_of(ad)
    if campaign not in versions:
        versions[campaign] = account.name_version(campaign, pull.pulled_day)
    return versions[campaign]


def meta_row_for(cfg, account, ad, day, version, rnd, case):
    """A row as text (clean, fast) or as a dict (a messy case applied)."""
    ident = identity(account, ad, version)
    date = iso_day(cfg.start, day)
    measures = meta_measures(cfg, account, ad, day, rnd)
    if case is None:
        return meta_row_text(ident, date, measures)
    row = meta_row_dict(account, ident, date, measures)
    apply_meta_case(row, case)
    return row


def emit_meta_row(cfg, account, writer, plan, ad, day, pull, versions, rnd, restated=False) -> int:
    version = _version(account, ad, pull, versions)
    writer.add(meta_row_for(cfg, account, ad, day, version, rnd, plan.next_case(restated)))
    if plan.duplicate():  # the same ad-day again in the same file, re-measured
        writer.add(meta_row_for(cfg, account, ad, day, version, rnd, None), keep_with_previous=True)
        return 2
    return 1


def write_meta_restatement(cfg, account, plan, pull: Pull, picks: list) -> int:
    if not picks:
        return 0
    writer = MetaPullWriter(cfg, account, pull, len(picks))
    rnd = rng_for(cfg, "meta-restate", account.number, pull.first_day, pull.pulled_day).random
    rows, versions = 0, {}
    for ad, day in picks:
        rows += emit_meta_row(cfg, account, writer, plan, ad, day, pull, versions, rnd, restated=True)
    writer.close()
    return rows


def write_google_account(cfg: Config, account: Account, plan: MessPlan) -> int:
    """All weekly (or daily) streams (and restatements) of one Google account."""
    rows = 0
    rng = rng_for(cfg, "pulls", account.number)
    for first, last in google_windows(cfg, account):
        pull = Pull(first, last, last + 2)
        restates = restate_pulls(cfg, rng, first, last, pull.pulled_day, GOOGLE_RESTATE_DAYS)
        picks: list[list] = [[] for _ in restates]
        writer = GoogleStreamWriter(cfg, account, pull)
        versions = {}
        rnd = rng_for(cfg, "google", account.number, first).random
        for ad in active_ads(account, first, last):
            for day in range(max(first, account.ad_start[ad]), min(last, account.ad_end[ad]) + 1):
                rows += emit_google_row(cfg, account, writer, plan, ad, day, pull, versions, rnd)
                if restates:
                    for k in restate_targets(rnd(), len(restates)):
                        picks[k].append((ad, day))
        writer.close()
        for k, restate in enumerate(restates):
            rows += write_google_restatement(cfg, account, plan, restate, picks[k])
    return rows


def google_row_text(cfg, account, ad, day, version, rnd, case) -> str:
    ident = identity(account, ad, version)
    metrics = google_metrics(cfg, account, ad, day, rnd)
    date = iso_day(cfg.start, day)
    if case is None:
        return google_result_text(ident, metrics, date)
    result = google_result_object(account, ident, metrics, date)
    apply_google_case(result, case)
    return pretty_result(result)


def emit_google_row(cfg, account, writer, plan, ad, day, pull, versions, rnd, restated=False) -> int:
    version = _version(account, ad, pull, versions)
    writer.add(google_row_text(cfg, account, ad, day, version, rnd, plan.next_case(restated)))
    if plan.duplicate():
        writer.add(google_row_text(cfg, account, ad, day, version, rnd, None))
        return 2
    return 1


def write_google_restatement(cfg, account, plan, pull: Pull, picks: list) -> int:
    if not picks:
        return 0
    writer = GoogleStreamWriter(cfg, account, pull)
    rnd = rng_for(cfg, "google-restate", account.number, pull.first_day, pull.pulled_day).random
    rows, versions = 0, {}
    for ad, day in picks:
        rows += emit_google_row(cfg, account, writer, plan, ad, day, pull, versions, rnd, restated=True)
    writer.close()
    return rows


# --------------------------------------------------------------------------------------------
# Files that are not data pages (--bad-files)
# --------------------------------------------------------------------------------------------

META_ERROR = {"error": {"message": "(#17) User request limit reached", "type": "OAuthException",
                        "is_transient": True, "code": 17, "error_subcode": 2446079,
                        "fbtrace_id": "AbCdEfGh1234567"}}
GOOGLE_ERROR = {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).",
                          "status": "RESOURCE_EXHAUSTED",
                          "details": [{"@type": "type.googleapis.com/google.ads.googleads.v16.errors.GoogleAdsFailure",
                                       "errors": [{"errorCode": {"quotaError": "RESOURCE_EXHAUSTED"},
                                                   "message": "Too many requests. Retry in 30 seconds."}]}]}}
HTML_ERROR = ("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
              "<body><h1>502 Bad Gateway</h1><p>Tente novamente mais tarde.</p></body></html>\n")


def write_bad_files(cfg: Config, meta: list[Account], google: list[Account]) -> list[str]:
    """Failed attempts saved next to real pulls: each sorts before the pull that succeeded."""
    written = []

    def put(folder: str, name: str, text: str) -> None:
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        written.append(path)

    first, last = meta_windows(cfg)[0]
    if meta:
        account = meta[0]
        folder = lambda hour: meta_folder(cfg, account, Pull(first, last, last + 1, hour=hour))  # noqa: E731
        put(folder("050000"), "page_0001.json", meta_text_document(META_ERROR))
        put(folder("051500"), "page_0001.json", HTML_ERROR)
        rows = [meta_row(cfg, account, 0, first, 0, random.Random(1).random)] if account.ad_start else []
        truncated = meta_text_document({"data": rows, "paging": {"cursors": {"before": "MA", "after": "MQ"}}})
        put(folder("053000"), "page_0001.json", truncated[: len(truncated) * 2 // 3])
    if google:
        account = google[0]
        g_first, g_last = google_windows(cfg, account)[0]
        folder = lambda hour: google_folder(cfg, account, Pull(g_first, g_last, g_last + 2, hour=hour))  # noqa: E731
        put(folder("050000"), "stream.json", json.dumps(GOOGLE_ERROR, indent=2) + "\n")
        text = "[" + '{\n  "results": [\n'
        if account.ad_start:
            text += google_result_text(identity(account, 0, 0), {"impressions": "10"}, iso_day(cfg.start, 0))
        put(folder("053000"), "stream.json", text[: len(text) // 2])
        put(folder("055500"), "stream.json", "")
    return written


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------

def prepare_output(out: str, overwrite: bool) -> None:
    """Refuse to mix with an existing tree unless asked; then only meta/ and google/ go."""
    if os.path.isdir(out) and os.listdir(out):
        if not overwrite:
            raise SystemExit(f"generate.py: {out} is not empty (use --overwrite to replace its "
                             "meta/ and google/ folders)")
        for sub in ("meta", "google"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)


def generate(cfg: Config) -> dict:
    """Write the whole tree; returns counts (rows per source, files)."""
    meta, google = build_accounts(cfg)
    stats = {"meta_rows": 0, "google_rows": 0}
    meta_plan = MessPlan(cfg, "meta", sum(_active_days(a) for a in meta))
    google_plan = MessPlan(cfg, "google", sum(_active_days(a) for a in google))
    for account in meta:
        stats["meta_rows"] += write_meta_account(cfg, account, meta_plan)
        account.cache.clear()
    for account in google:
        stats["google_rows"] += write_google_account(cfg, account, google_plan)
        account.cache.clear()
    stats["bad_files"] = write_bad_files(cfg, meta, google) if cfg.bad_files else []
    stats["rows"] = stats["meta_rows"] + stats["google_rows"]
    planned = dict(meta_plan.planned)
    for reason, count in google_plan.planned.items():
        planned[reason] = planned.get(reason, 0) + count
    stats["planned_quarantine"] = dict(sorted(planned.items()))
    return stats


def _active_days(account: Account) -> int:
    return sum(account.ad_end[i] - account.ad_start[i] + 1 for i in range(len(account.ad_start)))


def parse_args(argv=None) -> tuple[Config, bool]:
    parser = argparse.ArgumentParser(description="Generate a deterministic Bronze tree (Meta + Google).")
    parser.add_argument("--out", required=True, help="output directory (must be empty or absent)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rows", type=int, default=10_000, help="approximate number of Bronze rows")
    parser.add_argument("--start-date", type=dt.date.fromisoformat, default=dt.date(2024, 1, 1))
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--meta-accounts", type=int, default=2)
    parser.add_argument("--google-accounts", type=int, default=2)
    parser.add_argument("--messy", action="store_true", help="restatements, invalid rows, duplicates")
    parser.add_argument("--bad-files", action="store_true", help="also write files that are not data pages")
    parser.add_argument("--meta-page-size", type=int, default=500, help="rows per Meta page")
    parser.add_argument("--google-batch-size", type=int, default=10_000, help="results per stream batch")
    parser.add_argument("--google-stream-rows-max", type=int, default=50_000,
                        help="above this many rows a week, Google pulls are daily")
    parser.add_argument("--shape", choices=list(SHAPES), default="default",
                        help="layout of the same kind of data (datasets/README.md, \"Shapes\"); "
                             "page, batch and account options given explicitly win")
    parser.add_argument("--overwrite", action="store_true", help="replace meta/ and google/ in --out")
    args = parser.parse_args(argv)
    for name, value in SHAPES[args.shape].items():
        if name in vars(args) and getattr(args, name) != parser.get_default(name):
            continue  # given explicitly on the command line
        setattr(args, name, value)
    if args.rows < 0 or args.days < 1 or min(args.meta_accounts, args.google_accounts) < 0:
        parser.error("--rows >= 0, --days >= 1 and account counts >= 0 are required")
    if min(args.meta_page_size, args.google_batch_size, args.google_stream_rows_max) < 1:
        parser.error("page, batch and stream sizes must be positive")
    if args.days > 60_000:
        parser.error("--days must stay below 60000")
    cfg = Config(args.out, args.seed, args.rows, args.start_date, args.days, args.meta_accounts,
                 args.google_accounts, args.messy, args.bad_files, args.meta_page_size,
                 args.google_batch_size, args.google_stream_rows_max, args.shape,
                 **{name: getattr(args, name) for name in SHAPE_FLAGS if hasattr(args, name)})
    return cfg, args.overwrite


def main(argv=None) -> int:
    cfg, overwrite = parse_args(argv)
    prepare_output(cfg.out, overwrite)
    stats = generate(cfg)
    print(json.dumps({"out": cfg.out, "rows": stats["rows"], "meta_rows": stats["meta_rows"],
                      "google_rows": stats["google_rows"], "bad_files": len(stats["bad_files"]),
                      "planned_quarantine": stats["planned_quarantine"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
