"""The messages of SHACL results in English and Chinese; Chinese ones for shapes without ``sh:message``.

A shape's ``sh:message`` comes in ``@en`` and ``@zh``; pyshacl copies both into ``sh:resultMessage``
but drops the tag of a message it fills in (``{?sum}``): :func:`result_messages` reads it back from
the template, and :func:`message_in` picks one for the interface language.

For a constraint without ``sh:message`` pyshacl writes an English message ("Less than 1 values on …"). So that the
Chinese interface never shows it alone, :func:`chinese_message` says the same in Chinese from the
constraint component and the shape's parameters: one template per SHACL core constraint
component (:data:`TEMPLATES`, a registry like pyshacl's list of components). Terms are shown as
CURIEs with the project's prefixes.

>>> chinese_message("http://www.w3.org/ns/shacl#MinCountConstraintComponent", {"minCount": "1"},
...                 "http://xmlns.com/foaf/0.1/name", "http://x.test/")
'foaf:name 至少应有 1 个值'
>>> chinese_message("http://x.test/NoSuchComponent", {}, None, "http://x.test/")
'不满足约束 <http://x.test/NoSuchComponent>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import SH

from ungraph.namespaces import Namespaces

__all__ = ["TEMPLATES", "PARAMETERS", "chinese_message", "shape_parameters", "message_in", "result_messages", "language_of"]

_SH = str(SH)

#: Constraint component (local name without ``ConstraintComponent``) -> Chinese template. ``{path}``
#: is the result path (or 该节点), the other fields the shape's parameters of the same name.
TEMPLATES: dict[str, str] = {
    "MinCount": "{path} 至少应有 {minCount} 个值",
    "MaxCount": "{path} 至多应有 {maxCount} 个值",
    "Datatype": "{path} 的值应为 {datatype} 类型",
    "Class": "{path} 的值应为 {class} 的实例",
    "NodeKind": "{path} 的值应为 {nodeKind}",
    "Pattern": "{path} 的值应符合模式 {pattern}",
    "LanguageIn": "{path} 的值的语言应为 {languageIn} 之一",
    "UniqueLang": "{path} 每种语言至多应有一个值",
    "MinInclusive": "{path} 的值应不小于 {minInclusive}",
    "MaxInclusive": "{path} 的值应不大于 {maxInclusive}",
    "MinExclusive": "{path} 的值应大于 {minExclusive}",
    "MaxExclusive": "{path} 的值应小于 {maxExclusive}",
    "MinLength": "{path} 的值至少应有 {minLength} 个字符",
    "MaxLength": "{path} 的值至多应有 {maxLength} 个字符",
    "LessThan": "{path} 的值应小于 {lessThan} 的值",
    "LessThanOrEquals": "{path} 的值应不大于 {lessThanOrEquals} 的值",
    "Equals": "{path} 的值应与 {equals} 的值相同",
    "Disjoint": "{path} 的值不应与 {disjoint} 的值相同",
    "In": "{path} 的值应为允许的取值之一",
    "HasValue": "{path} 应有值 {hasValue}",
    "Closed": "封闭形状不允许属性 {path}",
    "QualifiedMinCount": "{path} 中符合限定形状的值至少应有 {qualifiedMinCount} 个",
    "QualifiedMaxCount": "{path} 中符合限定形状的值至多应有 {qualifiedMaxCount} 个",
    "Node": "{path} 的值应符合所要求的节点形状",
    "Property": "{path} 应符合所要求的属性形状",
    "Or": "{path} 的值应至少符合其中一个形状（sh:or）",
    "And": "{path} 的值应符合所有形状（sh:and）",
    "Not": "{path} 的值不应符合该形状（sh:not）",
    "Xone": "{path} 的值应恰好符合其中一个形状（sh:xone）",
    "SPARQL": "不满足 SPARQL 约束",
}

#: The shape parameters the templates name.
PARAMETERS = ("minCount", "maxCount", "datatype", "class", "nodeKind", "pattern", "languageIn", "minInclusive",
              "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength", "lessThan",
              "lessThanOrEquals", "equals", "disjoint", "hasValue", "qualifiedMinCount", "qualifiedMaxCount")


def _curie(term: str, base: str) -> str:
    for prefix, ns in sorted(Namespaces(base).prefixes.items(), key=lambda kv: -len(kv[1])):
        if term.startswith(ns) and term != ns:
            return f"{prefix}:{term[len(ns):]}"
    return f"<{term}>"


def _show(node: rdflib.term.Node, base: str) -> str:
    if isinstance(node, rdflib.URIRef):
        return _curie(str(node), base)
    return str(node)


def shape_parameters(shapes: rdflib.Graph, shape: rdflib.term.Node, base: str) -> dict[str, str]:
    """The parameters of ``shape`` that :data:`TEMPLATES` use, shown as text (lists joined by "、")."""
    out: dict[str, str] = {}
    for name in PARAMETERS:
        value = shapes.value(shape, SH[name])
        if value is None:
            continue
        if name == "languageIn":
            out[name] = "、".join(f"“{v}”" for v in Collection(shapes, value))
        else:
            out[name] = _show(value, base)
    return out


def chinese_message(component: str, parameters: Mapping[str, str], path: str | None, base: str) -> str:
    """The Chinese message for a result of ``component`` (an IRI) on ``path`` with the shape's ``parameters``."""
    local = component[len(_SH):].removesuffix("ConstraintComponent") if component.startswith(_SH) else ""
    template = TEMPLATES.get(local)
    if template is None:
        return f"不满足约束 {_curie(component, base) if component else ''}".rstrip()
    fields = {name: parameters.get(name, "?") for name in PARAMETERS}
    return template.format(path=_curie(path, base) if path else "该节点", **fields)


# --- the messages of a result ------------------------------------------------------------------

def message_in(messages: Iterable[tuple[str, str]], lang: str) -> tuple[str, str]:
    """The text of ``messages`` (``(lang, text)`` pairs; ``""`` is untagged, taken as English) in
    ``lang``, else in English, else the first; with the language it is in (``("", "")`` if none).

    >>> message_in([("en", "a chapter has a title"), ("zh", "章应有标题")], "zh")
    ('章应有标题', 'zh')
    >>> message_in([("", "Less than 1 values")], "zh")
    ('Less than 1 values', 'en')
    """
    found = {(lg or "en"): text for lg, text in sorted(messages)}
    for want in (lang, "en"):
        if want in found:
            return found[want], want
    return next(((text, lg) for lg, text in sorted(found.items())), ("", ""))


_TEMPLATE_VAR = re.compile(r"\{[?$][A-Za-z_][A-Za-z_0-9]*\}")


def language_of(text: str, templates: list[rdflib.Literal]) -> str:
    """The language of a message pyshacl filled in from one of ``templates`` (it drops the tag when
    it substitutes ``{?var}``): the tag of the template the text matches; English when none does
    (pyshacl's own messages, for constraints without ``sh:message``, are English)."""
    for template in sorted(templates, key=lambda t: (t.language or "", str(t))):
        parts = [re.escape(p) for p in _TEMPLATE_VAR.split(str(template))]
        if template.language and re.fullmatch("(?s:.*?)".join(parts), text):
            return template.language
    return "en"


def result_messages(report: rdflib.Graph, node: rdflib.term.Node, shapes: rdflib.Graph,
                    base: str) -> tuple[tuple[str, str], ...]:
    """Every ``sh:resultMessage`` of a result as sorted ``(lang, text)`` pairs, untagged ones given their
    language; a Chinese one made from the constraint when the shape has none (pyshacl's own message)."""
    source = report.value(node, SH.sourceShape)
    templates = [t for src in (report.value(node, SH.sourceConstraint), source)
                 if src is not None for t in shapes.objects(src, SH.message) if isinstance(t, rdflib.Literal)]
    found: dict[str, str] = {}
    for m in sorted((m for m in report.objects(node, SH.resultMessage) if isinstance(m, rdflib.Literal)), key=str):
        found.setdefault(m.language or language_of(str(m), templates), str(m))
    if "zh" not in found:
        path = report.value(node, SH.resultPath)
        found["zh"] = chinese_message(str(report.value(node, SH.sourceConstraintComponent) or ""),
                                      shape_parameters(shapes, source, base) if source is not None else {},
                                      str(path) if isinstance(path, rdflib.URIRef) else None, base)
    return tuple(sorted(found.items()))
