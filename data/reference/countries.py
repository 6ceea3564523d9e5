"""Write countries.yaml beside this script: every ISO 3166-1 country, from pycountry.

    pip install pycountry && python data/reference/countries.py

Run by hand when ISO 3166-1 (pycountry) or the data below change, and commit both files;
pycountry is needed only here, not by tradekg. Each entry's id is its common English short
name slugged (``south-korea``, not ``korea-republic-of``); its aliases are ISO's official and
short names when they differ from the common name (not the inverted forms such as "Korea,
Republic of", which news text never uses), then the variants below; ``demonyms`` and ``iso``
(alpha-2) are for the extractor and are not written to RDF.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pycountry
import yaml

OUT = Path(__file__).resolve().with_name("countries.yaml")

# The name news uses, where it differs from pycountry's (ISO's short) name.
COMMON = {
    "BN": "Brunei", "BO": "Bolivia", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde",
    "CZ": "Czech Republic", "FK": "Falkland Islands", "FM": "Micronesia", "IR": "Iran",
    "KP": "North Korea", "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "MF": "Saint Martin",
    "MO": "Macau", "PS": "Palestine", "RU": "Russia", "SH": "Saint Helena",
    "SX": "Sint Maarten", "SY": "Syria", "TR": "Turkey", "TW": "Taiwan", "TZ": "Tanzania",
    "VA": "Vatican City", "VE": "Venezuela", "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands", "VN": "Vietnam",
}

# Names that ISO gives but that would point at the wrong country in news text.
NOT_ALIASES = {"CG": {"Congo"}}

# Other names in news text. Capital-city metonyms ("Beijing said ...") only for the major
# trading powers, where news uses them so.
ALIASES = {
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "AU": ["Canberra"],
    "BR": ["Brasilia", "Brasília"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "CI": ["Cote d'Ivoire"],
    "CN": ["PRC", "mainland China", "Beijing"],
    "CZ": ["Czechia"],
    "DE": ["Berlin"],
    "FK": ["Falklands", "Malvinas"],
    "FR": ["Paris"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "London"],
    "IN": ["New Delhi"],
    "IT": ["Rome"],
    "JP": ["Tokyo"],
    "KP": ["DPRK"],
    "KR": ["Republic of Korea", "Korea", "Seoul"],
    "LA": ["Lao PDR"],
    "MM": ["Burma"],
    "MX": ["Mexico City"],
    "NL": ["the Netherlands", "Holland"],
    "PS": ["Palestinian territories"],
    "RU": ["Moscow"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkiye"],
    "TW": ["Chinese Taipei", "Taipei"],
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "the United States", "Washington"],
    "VA": ["Holy See", "Vatican"],
    "CA": ["Ottawa"],
}

# Verified Wikidata ids only.
WIKIDATA = {"US": "Q30", "CA": "Q16", "MX": "Q96"}

# What a person or thing from the country is called; none for uninhabited territories.
DEMONYMS = {
    "AF": "Afghan", "AL": "Albanian", "DZ": "Algerian", "AS": "American Samoan",
    "AD": "Andorran", "AO": "Angolan", "AI": "Anguillan", "AG": "Antiguan, Barbudan",
    "AR": "Argentine, Argentinian", "AM": "Armenian", "AW": "Aruban", "AU": "Australian",
    "AT": "Austrian", "AZ": "Azerbaijani", "AX": "Ålander", "BS": "Bahamian",
    "BH": "Bahraini", "BD": "Bangladeshi", "BB": "Barbadian", "BY": "Belarusian",
    "BE": "Belgian", "BZ": "Belizean", "BJ": "Beninese", "BM": "Bermudian",
    "BT": "Bhutanese", "BO": "Bolivian", "BA": "Bosnian", "BW": "Botswanan",
    "BR": "Brazilian", "BN": "Bruneian", "BG": "Bulgarian", "BF": "Burkinabe",
    "BI": "Burundian", "CV": "Cape Verdean", "KH": "Cambodian", "CM": "Cameroonian",
    "CA": "Canadian", "KY": "Caymanian", "CF": "Central African", "TD": "Chadian",
    "CL": "Chilean", "CN": "Chinese", "CO": "Colombian", "KM": "Comoran",
    "CD": "Congolese", "CG": "Congolese", "CK": "Cook Islander", "CR": "Costa Rican",
    "CI": "Ivorian", "HR": "Croatian", "CU": "Cuban", "CW": "Curaçaoan", "CY": "Cypriot",
    "CZ": "Czech", "DK": "Danish", "DJ": "Djiboutian", "DM": "Dominican",
    "DO": "Dominican", "EC": "Ecuadorian", "EG": "Egyptian", "SV": "Salvadoran",
    "GQ": "Equatorial Guinean", "ER": "Eritrean", "EE": "Estonian", "SZ": "Swazi",
    "ET": "Ethiopian", "FK": "Falkland Islander", "FO": "Faroese", "FJ": "Fijian",
    "FI": "Finnish", "FR": "French", "GF": "French Guianese", "PF": "French Polynesian",
    "GA": "Gabonese", "GM": "Gambian", "GE": "Georgian", "DE": "German", "GH": "Ghanaian",
    "GI": "Gibraltarian", "GR": "Greek", "GL": "Greenlandic", "GD": "Grenadian",
    "GP": "Guadeloupean", "GU": "Guamanian", "GT": "Guatemalan", "GN": "Guinean",
    "GW": "Bissau-Guinean", "GY": "Guyanese", "HT": "Haitian",
    "HN": "Honduran", "HK": "Hong Konger", "HU": "Hungarian", "IS": "Icelandic",
    "IN": "Indian", "ID": "Indonesian", "IR": "Iranian", "IQ": "Iraqi", "IE": "Irish",
    "IM": "Manx", "IL": "Israeli", "IT": "Italian", "JM": "Jamaican", "JP": "Japanese",
    "JO": "Jordanian", "KZ": "Kazakh", "KE": "Kenyan", "KI": "I-Kiribati",
    "KP": "North Korean", "KR": "South Korean", "KW": "Kuwaiti", "KG": "Kyrgyz",
    "LA": "Lao, Laotian", "LV": "Latvian", "LB": "Lebanese", "LS": "Basotho",
    "LR": "Liberian", "LY": "Libyan", "LI": "Liechtensteiner", "LT": "Lithuanian",
    "LU": "Luxembourgish", "MO": "Macanese", "MG": "Malagasy", "MW": "Malawian",
    "MY": "Malaysian", "MV": "Maldivian", "ML": "Malian", "MT": "Maltese",
    "MH": "Marshallese", "MQ": "Martiniquais", "MR": "Mauritanian", "MU": "Mauritian",
    "YT": "Mahoran", "MX": "Mexican", "FM": "Micronesian", "MD": "Moldovan",
    "MC": "Monégasque, Monacan", "MN": "Mongolian", "ME": "Montenegrin",
    "MS": "Montserratian", "MA": "Moroccan", "MZ": "Mozambican", "MM": "Burmese",
    "NA": "Namibian", "NR": "Nauruan", "NP": "Nepali", "NL": "Dutch",
    "NC": "New Caledonian", "NZ": "New Zealander", "NI": "Nicaraguan", "NE": "Nigerien",
    "NG": "Nigerian", "NU": "Niuean", "NF": "Norfolk Islander", "MK": "North Macedonian",
    "MP": "Northern Mariana Islander", "NO": "Norwegian", "OM": "Omani", "PK": "Pakistani",
    "PW": "Palauan", "PS": "Palestinian", "PA": "Panamanian", "PG": "Papua New Guinean",
    "PY": "Paraguayan", "PE": "Peruvian", "PH": "Philippine, Filipino", "PN": "Pitcairn Islander",
    "PL": "Polish", "PT": "Portuguese", "PR": "Puerto Rican", "QA": "Qatari",
    "RE": "Réunionese", "RO": "Romanian", "RU": "Russian", "RW": "Rwandan",
    "BL": "Barthélemois", "SH": "Saint Helenian", "KN": "Kittitian, Nevisian",
    "LC": "Saint Lucian", "MF": "Saint-Martinoise", "PM": "Saint-Pierrais",
    "VC": "Vincentian", "WS": "Samoan", "SM": "Sammarinese", "ST": "São Toméan",
    "SA": "Saudi, Saudi Arabian", "SN": "Senegalese", "RS": "Serbian", "SC": "Seychellois",
    "SL": "Sierra Leonean", "SG": "Singaporean", "SX": "Sint Maartener", "SK": "Slovak",
    "SI": "Slovenian", "SB": "Solomon Islander", "SO": "Somali", "ZA": "South African",
    "SS": "South Sudanese", "ES": "Spanish", "LK": "Sri Lankan", "SD": "Sudanese",
    "SR": "Surinamese", "SE": "Swedish", "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese",
    "TJ": "Tajik", "TZ": "Tanzanian", "TH": "Thai", "TL": "Timorese", "TG": "Togolese",
    "TK": "Tokelauan", "TO": "Tongan", "TT": "Trinidadian, Tobagonian", "TN": "Tunisian",
    "TR": "Turkish", "TM": "Turkmen", "TC": "Turks and Caicos Islander", "TV": "Tuvaluan",
    "UG": "Ugandan", "UA": "Ukrainian", "AE": "Emirati", "GB": "British",
    "US": "American", "UY": "Uruguayan", "UZ": "Uzbek", "VU": "Ni-Vanuatu",
    "VE": "Venezuelan", "VN": "Vietnamese", "VG": "British Virgin Islander",
    "VI": "U.S. Virgin Islander", "WF": "Wallisian, Futunan", "EH": "Sahrawi",
    "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean", "BQ": "Bonairean",
    "CX": "Christmas Islander", "CC": "Cocos Islander",
}

HEADER = """\
# Countries: every ISO 3166-1 entry. Generated by countries.py beside this file from pycountry
# {version}: edit that script, not this file. `iso` is the alpha-2 code; `demonyms` and `iso`
# are for the extractor and are not written to RDF.

"""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key and writes lists of names on one line, as the
    other reference files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _Names(list[str]):
    pass


_Dumper.add_representer(
    _Names, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")


def entry(country: object) -> dict[str, object]:
    code: str = country.alpha_2  # type: ignore[attr-defined]
    iso_name: str = country.name  # type: ignore[attr-defined]
    name = COMMON.get(code, iso_name)
    aliases: list[str] = []
    for other in (getattr(country, "official_name", None), iso_name, *ALIASES.get(code, [])):
        if (other and other != name and "," not in other and other not in aliases
                and other not in NOT_ALIASES.get(code, set())):
            aliases.append(other)
    item: dict[str, object] = {"id": slug(name), "type": "Country", "name": name}
    if aliases:
        item["aliases"] = _Names(aliases)
    if code in DEMONYMS:
        item["demonyms"] = _Names(d.strip() for d in DEMONYMS[code].split(","))
    item["iso"] = code
    if code in WIKIDATA:
        item["wikidata"] = WIKIDATA[code]
    return item


def main() -> int:
    unknown = (set(COMMON) | set(ALIASES) | set(DEMONYMS) | set(WIKIDATA)) - {
        c.alpha_2 for c in pycountry.countries}
    if unknown:
        print(f"not ISO 3166-1 alpha-2 codes: {sorted(unknown)}", file=sys.stderr)
        return 1
    entries = sorted((entry(c) for c in pycountry.countries), key=lambda e: str(e["id"]))
    ids = [e["id"] for e in entries]
    if len(set(ids)) != len(ids):
        print("two countries have the same id", file=sys.stderr)
        return 1
    body = yaml.dump({"actors": entries}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
    version = getattr(pycountry, "__version__", "") or _version()
    OUT.write_text(HEADER.format(version=version) + body, encoding="utf-8")
    print(f"wrote {len(entries)} countries to {OUT}")
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    sys.exit(main())
