#!/usr/bin/env python3
"""Checks src/OneSeal/Catalog/DemoData/catalog.json (the demo catalog of 青山县) against the rules of its format.

Usage: python3 tools/check-demo-catalog.py [--baseline GIT_REF] [--file PATH]

The baseline is the last version of catalog.json in the old flat format (no "transfers"): the 31 items it held
must keep their in-force values. Without --baseline the script finds that version in git history itself.
Exit code 1 when an error is found; warnings are printed but do not fail.
"""
import argparse, json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REL = "src/OneSeal/Catalog/DemoData/catalog.json"
CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
CATEGORIES = {"行政许可", "行政确认", "行政给付", "行政征收", "行政奖励", "行政裁决", "其他行政权力", "公共服务"}
KINDS = {"Immediate", "Promised", "Joint", "ReportUp"}
OBJECTS = {"Citizen", "Enterprise", "Both"}
LEVELS = {"County", "Township", "Village"}
TONGBAN = {"None", "County", "City", "Province", "CrossProvince", "National"}
STEP_KINDS = {"Accept", "Review", "Decide", "Deliver", "SiteInspection", "ExpertReview", "Hearing", "Testing", "JointReview"}
SOURCES = {"Applicant", "Government", "CertificateLibrary"}
FORMS = {"Paper", "Electronic", "Both"}
FIELD_TYPES = {"Text", "CitizenId", "Uscc", "Phone", "Date", "Number"}
BEFORE_KEYS = {"promisedDays", "visits", "onlineDepth", "feeCharged", "feeAmount", "feeStandard", "materials"}
KEY_MATERIAL = ("申请书", "申请表", "登记表", "审核表", "备案书", "注册书", "声明书", "信息表", "申报表", "申领表")
KEY_TYPES = {"YYZZ", "SFZ", "SQB"}
# Fields of the 31 original items that must keep their values (the in-force version).
FROZEN = ["name", "category", "kind", "serviceObject", "competentDepartment", "supervisingDepartment", "statutoryDays", "promisedDays",
          "legalBasis", "conditions", "feeCharged", "feeAmount", "feeBasis", "visits", "resultName", "resultTypeCode",
          "resultValidityYears", "phone", "commitmentApproval", "deemedApprovalOnTimeout"]
# Original items whose statute sets a longer limit than 行政许可法 Art. 42 (法律、法规另有规定的，依照其规定).
STATUTE_LONGER = {"QS-XK-008": "医疗机构管理条例 45日", "QS-XK-010": "《教师资格条例》实施办法 30个工作日",
                  "QS-XK-012": "社会团体登记管理条例 30日（目录按60日公布）", "QS-QR-001": "不动产登记暂行条例 30个工作日"}
ITEM_KEYS = ["code", "basicCode", "parentCode", "name", "category", "kind", "serviceObject", "level", "competentDepartment", "implementingBody",
             "entrustedBody", "supervisingDepartment", "statutoryDays", "promisedDays", "legalBasis", "legalBasisText", "conditions", "feeCharged",
             "feeAmount", "feeStandard", "feeBasis", "visits", "onlineDepth", "appointment", "resultByPost", "tongban", "resultName",
             "resultTypeCode", "resultValidityYears", "resultSample", "intermediaryServices", "jointDepartments", "steps", "phone",
             "complaintPhone", "window", "themes", "commitmentApproval", "deemedApprovalOnTimeout", "materials", "formFields"]
MATERIAL_KEYS = ["code", "name", "required", "tolerable", "description", "source", "materialType", "form", "copies", "legalBasis", "blankForm"]

errors, warnings = [], []
def err(msg): errors.append(msg)
def warn(msg): warnings.append(msg)

def uscc_ok(u):
    if not isinstance(u, str) or len(u) != 18 or any(c not in CS for c in u): return False
    c = 31 - sum(CS.index(ch) * w for ch, w in zip(u[:17], W)) % 31
    return CS[0 if c == 31 else c] == u[17]

def git(*args):
    return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True)

def load_baseline(ref):
    refs = [ref] if ref else [h for h in git("log", "--format=%H", "--", REL).stdout.split()]
    for r in refs:
        p = git("show", f"{r}:{REL}")
        if p.returncode != 0: continue
        try: d = json.loads(p.stdout)
        except json.JSONDecodeError: continue
        if ref or "transfers" not in d: return r, d
    return None, None

def check_holder(where, item):
    """持证主体: optional; when given, required form fields of the right type (111 CitizenId, 001 Uscc, else Text)."""
    h = item.get("holder")
    if h is None: return
    fields = {f["key"]: f for f in item.get("formFields", [])}
    want = {"111": "CitizenId", "001": "Uscc"}.get(h.get("codeType"), "Text")
    if h.get("codeType") not in ("111", "001", "099", "999"): err(f"{where}: holder codeType {h.get('codeType')}")
    for key, typ in ((h.get("nameField"), "Text"), (h.get("codeField"), want)):
        f = fields.get(key)
        if f is None or f["type"] != typ or not f["required"]: err(f"{where}: holder field {key} must be a required {typ} form field")

def check_materials(where, mats, types, frozen_names=()):
    if not isinstance(mats, list) or not mats: err(f"{where}: materials must be a non-empty list"); return
    codes = set()
    for m in mats:
        w = f"{where} material {m.get('code')}"
        for k in MATERIAL_KEYS:
            if k not in m: err(f"{w}: missing {k}")
        if m.get("code") in codes: err(f"{w}: duplicate code")
        codes.add(m.get("code"))
        if m.get("source") not in SOURCES: err(f"{w}: bad source {m.get('source')}")
        if m.get("replaceableByCommitment") and (not m.get("required") or m.get("blankForm")):
            err(f"{w}: only a required material that is not the application form can be replaced by a commitment")
        if m.get("form") not in FORMS: err(f"{w}: bad form {m.get('form')}")
        if m.get("materialType") is not None and m["materialType"] not in types: err(f"{w}: unknown materialType {m['materialType']}")
        if not isinstance(m.get("copies"), int) or m["copies"] < 0: err(f"{w}: copies must be a non-negative integer")
        if m.get("tolerable"):
            if not m.get("required"): err(f"{w}: tolerable but not required")
            if any(k in m.get("name", "") for k in KEY_MATERIAL) or m.get("blankForm") or m.get("materialType") in KEY_TYPES:
                err(f"{w}: a key material (申请书/证照) can never be tolerable")
        if m.get("blankForm") and not any(k in m.get("name", "") for k in KEY_MATERIAL + ("采集表", "信息表", "申报表")):
            warn(f"{w}: blankForm on a material that is not a form")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline"); ap.add_argument("--file", default=os.path.join(ROOT, REL))
    a = ap.parse_args()
    with open(a.file, encoding="utf-8") as f: d = json.load(f)
    for k in ("organisations", "materialTypes", "themes", "items", "transfers"):
        if k not in d: err(f"missing top-level {k}")
    orgs = {o["code"]: o for o in d["organisations"]}
    if len(orgs) != len(d["organisations"]): err("duplicate organisation codes")
    seen_uscc, seen_phone = set(), set()
    for o in d["organisations"]:
        if o.get("kind") not in ("Bureau", "Department"): err(f"org {o['code']}: kind {o.get('kind')}")
        if not uscc_ok(o.get("uscc")): err(f"org {o['code']}: USCC {o.get('uscc')} fails GB 32100")
        if o.get("uscc") in seen_uscc: err(f"org {o['code']}: duplicate USCC")
        if not re.fullmatch(r"0796-723\d{4}", o.get("phone") or ""): err(f"org {o['code']}: phone {o.get('phone')}")
        if o.get("phone") in seen_phone: err(f"org {o['code']}: duplicate phone")
        seen_uscc.add(o.get("uscc")); seen_phone.add(o.get("phone"))
    bureaus = [c for c, o in orgs.items() if o["kind"] == "Bureau"]
    if len(bureaus) != 1: err(f"expected one Bureau, found {bureaus}")
    bureau = bureaus[0] if bureaus else "XZSPJ"
    types = {t["code"] for t in d["materialTypes"]}
    if len(types) != len(d["materialTypes"]): err("duplicate materialType codes")
    if not 15 <= len(types) <= 30: err(f"{len(types)} material types (want 15–30)")
    themes = {t["code"]: t for t in d["themes"]}
    if len(themes) != len(d["themes"]): err("duplicate theme codes")
    for t in d["themes"]:
        if t.get("audience") not in ("Citizen", "Enterprise"): err(f"theme {t['code']}: audience {t.get('audience')}")

    items = {}
    for i in d["items"]:
        if i.get("code") in items: err(f"duplicate item code {i.get('code')}")
        items[i.get("code")] = i
    # transfers
    batch_of = {}
    last = ""
    for t in d["transfers"]:
        eff = t.get("effectiveOn", "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", eff) or eff >= "2026-01-01" or eff <= "2024-01-01": err(f"transfer {t.get('documentNumber')}: effectiveOn {eff}")
        if eff <= last: err(f"transfer {t.get('documentNumber')}: batches must be in date order")
        last = eff
        for e in t["items"]:
            c = e["code"]
            if c not in items: err(f"transfer {t['documentNumber']}: unknown item {c}")
            if c in batch_of: err(f"item {c} is in more than one transfer batch")
            batch_of[c] = t["documentNumber"]
            if e.get("entrustedBody") is not None and e["entrustedBody"] not in orgs: err(f"transfer of {c}: unknown entrustedBody {e['entrustedBody']}")
            # 承办科室: one of the bureau's sections (seeded from Organisation/DemoData/OrganisationSeed.cs, not from this file)
            if e.get("handlingSection") is not None and e["handlingSection"] not in ("XZSPJ-SCZR", "XZSPJ-TZJS", "XZSPJ-SHSW"):
                err(f"transfer of {c}: handlingSection {e['handlingSection']} is not a section of the bureau")
    if len(d["transfers"]) < 2: err("want at least two transfer batches")

    basic = {}
    for c, i in items.items():
        w = f"item {c}"
        for k in ITEM_KEYS:
            if k not in i: err(f"{w}: missing {k}")
        extra = set(i) - set(ITEM_KEYS) - {"before", "holder"}
        if extra: err(f"{w}: unknown properties {sorted(extra)}")
        check_holder(w, i)
        if i.get("category") not in CATEGORIES: err(f"{w}: category {i.get('category')}")
        if i.get("kind") not in KINDS: err(f"{w}: kind {i.get('kind')}")
        if i.get("serviceObject") not in OBJECTS: err(f"{w}: serviceObject {i.get('serviceObject')}")
        if i.get("level") not in LEVELS: err(f"{w}: level {i.get('level')}")
        if i.get("tongban") not in TONGBAN: err(f"{w}: tongban {i.get('tongban')}")
        for k in ("competentDepartment", "implementingBody", "supervisingDepartment"):
            if i.get(k) not in orgs: err(f"{w}: {k} {i.get(k)} is not an organisation")
        if i.get("entrustedBody") is not None and i["entrustedBody"] not in orgs: err(f"{w}: entrustedBody {i['entrustedBody']} unknown")
        if i.get("implementingBody") == bureau: err(f"{w}: implementingBody is the first version's (a department); the bureau comes with a transfer batch")
        transferred = c in batch_of
        if transferred and i.get("implementingBody") != i.get("competentDepartment"): warn(f"{w}: transferred from {i.get('implementingBody')}, not its competent department")
        win = i.get("window") or ""
        if transferred and not win.startswith("综合受理区"): err(f"{w}: transferred, so its window should be a bureau window (综合受理区 …): {win}")
        if not transferred and win.startswith("综合受理区"): err(f"{w}: stays with {i.get('implementingBody')} but names a bureau window")
        # codes
        bc = i.get("basicCode") or ""
        if not re.fullmatch(r"\d{12}", bc): err(f"{w}: basicCode {bc!r} is not 12 digits")
        if bc in basic: err(f"{w}: basicCode {bc} also used by {basic[bc]}")
        basic[bc] = c
        p = i.get("parentCode")
        if p is not None:
            if p not in items: err(f"{w}: parent {p} unknown")
            elif items[p].get("parentCode"): err(f"{w}: parent {p} is itself a sub-item")
            elif items[p].get("basicCode", "")[:9] != bc[:9]: err(f"{w}: basicCode does not share its parent's prefix")
        # limits
        sd, pd = i.get("statutoryDays"), i.get("promisedDays")
        if not (isinstance(sd, int) and isinstance(pd, int) and 0 <= pd <= sd): err(f"{w}: promised {pd} / statutory {sd}")
        cap = 45 if i.get("kind") == "Joint" else 20
        if isinstance(sd, int) and sd > cap:
            (warn if c in STATUTE_LONGER else err)(f"{w}: statutoryDays {sd} > {cap}" + (f" (kept: {STATUTE_LONGER[c]})" if c in STATUTE_LONGER else ""))
        if i.get("kind") == "Immediate" and pd != 0: err(f"{w}: Immediate with promisedDays {pd}")
        if i.get("visits") not in (0, 1, 2): err(f"{w}: visits {i.get('visits')}")
        if i.get("onlineDepth") not in (1, 2, 3, 4): err(f"{w}: onlineDepth {i.get('onlineDepth')}")
        for k in ("phone", "complaintPhone"):
            if not re.fullmatch(r"0796-\d{5,8}", i.get(k) or ""): err(f"{w}: {k} {i.get(k)}")
        if not i.get("feeCharged") and any(i.get(k) is not None for k in ("feeAmount", "feeStandard", "feeBasis")): err(f"{w}: free but fee details set")
        if i.get("feeCharged") and not i.get("feeBasis"): err(f"{w}: charged without feeBasis")
        # joint
        jd = i.get("jointDepartments") or []
        for o in jd:
            if o not in orgs: err(f"{w}: joint department {o} unknown")
        if i.get("kind") == "Joint" and not jd: err(f"{w}: Joint without jointDepartments")
        if i.get("kind") != "Joint" and jd: err(f"{w}: jointDepartments on a {i.get('kind')} item")
        # steps
        st = i.get("steps") or []
        kinds = [s.get("kind") for s in st]
        for s in st:
            if s.get("kind") not in STEP_KINDS: err(f"{w}: step kind {s.get('kind')}")
            if s.get("stopsClock") and s.get("share") != 0: err(f"{w}: step {s.get('kind')} stops the clock but has share {s.get('share')}")
            if not s.get("stopsClock") and not (isinstance(s.get("share"), int) and s["share"] > 0): err(f"{w}: step {s.get('kind')} counts but has share {s.get('share')}")
            if s.get("kind") in ("Accept", "Review", "Decide", "Deliver") and s.get("stopsClock"): err(f"{w}: {s.get('kind')} cannot stop the clock")
        for k in ("Accept", "Review", "Decide", "Deliver"):
            if kinds.count(k) != 1: err(f"{w}: step {k} must appear exactly once")
        if kinds and (kinds[0] != "Accept" or kinds[-1] != "Deliver"): err(f"{w}: steps must start with Accept and end with Deliver")
        if "Review" in kinds and "Decide" in kinds and kinds.index("Review") > kinds.index("Decide"): err(f"{w}: Review after Decide")
        if sum(s.get("share", 0) for s in st if not s.get("stopsClock")) != 100: err(f"{w}: step shares sum to {sum(s.get('share', 0) for s in st if not s.get('stopsClock'))}")
        if i.get("kind") == "Joint" and "JointReview" not in kinds: err(f"{w}: Joint without a JointReview step")
        # themes
        th = i.get("themes") or []
        if not th: err(f"{w}: no theme")
        for t in th:
            if t not in themes: err(f"{w}: unknown theme {t}")
        auds = {themes[t]["audience"] for t in th if t in themes}
        if i.get("serviceObject") in ("Citizen", "Enterprise") and i["serviceObject"] not in auds: warn(f"{w}: {i['serviceObject']} item without a {i['serviceObject']} theme")
        # materials / forms
        check_materials(w, i.get("materials"), types)
        ff = i.get("formFields") or []
        fkeys = [f.get("key") for f in ff]
        if len(set(fkeys)) != len(fkeys): err(f"{w}: duplicate form field keys")
        for f in ff:
            if f.get("type") not in FIELD_TYPES: err(f"{w}: field {f.get('key')} type {f.get('type')}")
        ftypes = {f.get("type") for f in ff if f.get("required")} | {f.get("type") for f in ff}
        if "Phone" not in {f.get("type") for f in ff if f.get("required")}: err(f"{w}: no required contact phone field")
        if not any(f.get("type") == "Text" and f.get("required") and re.search(r"name|Name", f.get("key", "")) for f in ff): err(f"{w}: no required applicant name field")
        need = {"Enterprise": {"Uscc"}, "Citizen": {"CitizenId"}, "Both": set()}.get(i.get("serviceObject"), set())
        missing = need - ftypes
        if missing:
            (warn if c in ORIGINAL else err)(f"{w}: {i.get('serviceObject')} item without a {'/'.join(missing)} field")
        if i.get("serviceObject") == "Both" and not ({"Uscc", "CitizenId"} & ftypes): err(f"{w}: no Uscc or CitizenId field")
        # before
        b = i.get("before")
        if b is not None:
            bad = set(b) - BEFORE_KEYS
            if bad: err(f"{w}: before has {sorted(bad)}")
            if not b: err(f"{w}: empty before")
            for k, v in b.items():
                if k != "materials" and v == i.get(k): warn(f"{w}: before.{k} equals the in-force value")
            if "promisedDays" in b:
                if not (isinstance(b["promisedDays"], int) and 0 <= b["promisedDays"] <= sd): err(f"{w}: before.promisedDays {b['promisedDays']}")
                if i.get("kind") == "Immediate" and b["promisedDays"] != 0: err(f"{w}: Immediate item with before.promisedDays {b['promisedDays']}")
                if b["promisedDays"] < pd: warn(f"{w}: the reform lengthened the promised limit")
            if "visits" in b and b["visits"] not in (0, 1, 2): err(f"{w}: before.visits {b['visits']}")
            if "onlineDepth" in b and b["onlineDepth"] not in (1, 2, 3, 4): err(f"{w}: before.onlineDepth {b['onlineDepth']}")
            if "materials" in b:
                check_materials(w + " (before)", b["materials"], types)
                if b["materials"] == i.get("materials"): warn(f"{w}: before.materials equals the in-force list")

    # the original items
    ref, base = load_baseline(a.baseline)
    if base is None:
        warn("no baseline catalog found in git history: original items not compared")
    else:
        for h in base["items"]:
            c = h["code"]; w = f"original item {c}"
            i = items.get(c)
            if i is None: err(f"{w}: missing"); continue
            for k in FROZEN:
                if i.get(k) != h.get(k): err(f"{w}: {k} changed: {h.get(k)!r} -> {i.get(k)!r}")
            hm = [(m["code"], m["name"], m["required"], m.get("tolerable", False), m.get("description")) for m in h["materials"]]
            im = [(m["code"], m["name"], m["required"], m["tolerable"], m["description"]) for m in i["materials"]]
            if hm != im: err(f"{w}: materials changed")
            hf = [(f["key"], f["label"], f["type"], f["required"]) for f in h["formFields"]]
            if_ = [(f["key"], f["label"], f["type"], f["required"]) for f in i["formFields"]]
            if hf != if_: err(f"{w}: form fields changed")
            in_force = bureau if c in batch_of else i.get("implementingBody")
            if in_force != h["implementingBody"]: err(f"{w}: in-force implementing body {in_force}, was {h['implementingBody']}")
        for o in base["organisations"]:
            n = orgs.get(o["code"])
            if n is None or any(n.get(k) != o.get(k) for k in ("name", "kind", "uscc", "phone")): err(f"original organisation {o['code']} changed or missing")

    # totals the demo needs
    vals = list(items.values())
    line = {i["competentDepartment"] for i in vals if orgs.get(i["competentDepartment"], {}).get("kind") == "Department"}
    stays = [c for c in items if c not in batch_of]
    steps_of = lambda k, stop=None: [i["code"] for i in vals if any(s["kind"] == k and (stop is None or s["stopsClock"] == stop) for s in i["steps"])]
    need = [("items", len(vals), 62), ("line departments", len(line), 9), ("sub-items", sum(1 for i in vals if i["parentCode"]), 3),
            ("Joint", sum(1 for i in vals if i["kind"] == "Joint"), 3), ("Immediate", sum(1 for i in vals if i["kind"] == "Immediate"), 6),
            ("ReportUp", sum(1 for i in vals if i["kind"] == "ReportUp"), 3), ("items staying with departments", len(stays), 8),
            ("Hearing", len(steps_of("Hearing")), 1), ("ExpertReview", len(steps_of("ExpertReview")), 1),
            ("SiteInspection stopping the clock", len(steps_of("SiteInspection", True)), 2),
            ("items with before", sum(1 for i in vals if "before" in i), 20), ("transfer batches", len(d["transfers"]), 2)]
    for name, n, m in need:
        if n < m: err(f"only {n} {name} (want at least {m})")

    print(f"catalog: {len(orgs)} organisations, {len(types)} material types, {len(themes)} themes, {len(vals)} items, "
          f"{len(d['transfers'])} batches ({', '.join(str(len(t['items'])) for t in d['transfers'])} items), {len(stays)} staying with departments")
    print("baseline:", ref or "none")
    for w_ in warnings: print("warning:", w_)
    for e in errors: print("ERROR:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0

ORIGINAL = set()
if __name__ == "__main__":
    r, b = load_baseline(None)
    if b: ORIGINAL = {i["code"] for i in b["items"]}
    sys.exit(main())
