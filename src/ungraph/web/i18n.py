"""The interface in Chinese and English: the strings, the chosen language, names of vocabulary terms.

The language is chosen by ``/lang/<code>`` (kept in the ``lang`` cookie), else by the browser's
``Accept-Language``, else Chinese (the language of the report). Terms of the ontology are named
by their own ``rdfs:label`` in the graph; :data:`TERMS` names the reused external terms the
ontology doesn't label, and :func:`humanize` is the last resort.

>>> text("search", "zh"), text("search", "en")
('搜索', 'Search')
>>> humanize("http://www.w3.org/ns/org#subOrganizationOf")
'sub organization of'
"""

from __future__ import annotations

import re

from flask import has_request_context, request
from markupsafe import Markup

__all__ = ["LANGS", "COOKIE", "STRINGS", "TERMS", "current_lang", "text", "humanize", "other_lang", "mark_chinese", "mark_latin",
           "mark_mixed"]

LANGS = ("zh", "en")
COOKIE = "lang"

STRINGS: dict[str, tuple[str, str]] = {  # key: (zh, en)
    "site_title": ("联合国秘书长报告 A/78/1 知识图谱", "A/78/1 knowledge graph"),
    "site_tagline": ("联合国秘书长关于本组织工作的报告（2023年）的关联数据版",
                     "The UN Secretary-General's report on the work of the Organization, 2023, as linked data"),
    "search": ("搜索", "Search"),
    "search_placeholder": ("中文、英文或简称…", "Chinese, English or abbreviation…"),
    "search_results": ("搜索结果", "Search results"),
    "no_results": ("没有找到结果。", "Nothing found."),
    "results_for": ("“{q}”的结果：{n} 条", "{n} results for “{q}”"),
    "search_entities": ("实体", "Entities"),
    "search_passages": ("报告段落", "Passages of the report"),
    "search_related": ("相关机构", "related body"),
    "search_key_entity": ("{chapter}主要实体", "key entity of {chapter}"),
    "facet_kind": ("按类别", "By kind"),
    "facet_chapter": ("按章节", "By chapter"),
    "facet_all": ("全部", "All"),
    "chapter_n": ("第{n}章", "Chapter {n}"),
    "part_introduction": ("导言", "Introduction"),
    "part_front-matter": ("前言", "Front matter"),
    "page_n_of": ("第 {n} 页，共 {total} 页", "Page {n} of {total}"),
    "previous_page": ("上一页", "Previous"),
    "void_title": ("数据集描述（VoID）", "Dataset description (VoID)"),
    "void_text": ("本数据集的 VoID 与 DCAT 描述：统计数据、许可、来源、下载和外部链接集。",
                  "The VoID and DCAT description of this dataset: statistics, licence, source, downloads and linksets."),
    "next_page": ("下一页", "Next"),
    "home": ("首页", "Home"),
    "read": ("阅读报告", "Read the report"),
    "kinds": ("类别", "Kinds"),
    "query": ("SPARQL 查询", "SPARQL query"),
    "ontology": ("本体", "Ontology"),
    "switch_lang": ("English", "中文"),
    "switch_lang_title": ("Switch to English", "切换到中文"),
    "skip": ("跳到正文", "Skip to content"),
    "triples": ("三元组", "triples"),
    "entities": ("实体", "entities"),
    "count": ("数量", "Count"),
    "label": ("名称", "Name"),
    "label_zh": ("中文名称", "Chinese name"),
    "label_en": ("英文名称", "English name"),
    "abbreviations": ("简称", "Abbreviations"),
    "also_known_as": ("又称", "Also known as"),
    "kind": ("类别", "Kind"),
    "mentions": ("提及次数", "Mentions"),
    "mentions_lower": ("处提及", "mentions"),
    "facts": ("事实", "Facts"),
    "property": ("属性", "Property"),
    "value": ("值", "Value"),
    "names": ("名称", "Names"),
    "relations": ("关系", "Relations"),
    "details": ("详细信息", "Details"),
    "structure": ("文件结构", "Document structure"),
    "external": ("外部链接", "External links"),
    "references": ("参考来源", "References"),
    "links_here": ("链接到此处", "What links here"),
    "in_report": ("报告中的提及", "Mentioned in the report"),
    "activities": ("行动：谁在哪里做了什么", "Activities: who did what where"),
    "source": ("来源", "Source"),
    "read_in_context": ("在报告中阅读", "Read in context"),
    "more": ("还有 {n} 条", "and {n} more"),
    "validation": ("验证警告", "Validation warnings"),
    "view_as": ("查看格式", "View as"),
    "full_documentation": ("完整文档 (pyLODE)", "Full documentation (pyLODE)"),
    "sparql_behind": ("本页背后的 SPARQL", "The SPARQL behind this page"),
    "filter": ("筛选", "Filter"),
    "filter_placeholder": ("按名称筛选…", "Filter by name…"),
    "sort_by": ("排序", "Sort by"),
    "shown": ("显示 {n} / {total}", "{n} of {total} shown"),
    "not_found": ("未找到", "Not found"),
    "not_found_text": ("本图谱中没有这个标识符：", "This graph has nothing at"),
    "did_you_mean": ("您要找的是否是：", "Did you mean:"),
    "contents": ("目录", "Contents"),
    "chapter_overview": ("本章概览", "Chapter overview"),
    "whats_mentioned": ("本章提及", "What this chapter mentions"),
    "ways_in": ("浏览入口", "Ways in"),
    "about_dataset": ("关于本数据集", "About this dataset"),
    "about_text": ("本网站把联合国秘书长报告 A/78/1 的中文本转为知识图谱：报告的每个段落、提及的每个机构、人员、职务、特派团、国家和决议都有自己的标识符和页面，每条事实都链接到报告原文。",
                   "This site turns the Chinese text of the UN Secretary-General's report A/78/1 into a knowledge graph: every paragraph of the report and every body, person, post, mission, country and resolution it mentions has its own identifier and page, and every fact links back to the sentence of the report that states it."),
    "report_parts": ("报告结构", "Report structure"),
    "previous": ("上一部分", "Previous"),
    "next": ("下一部分", "Next"),
    "permalink": ("本段的标识符", "Identifier of this block"),
    "iri": ("标识符", "Identifier"),
    "severity": ("严重性", "Severity"),
    "message": ("信息", "Message"),
    "all_kinds": ("全部类别", "All kinds"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "error": ("错误", "Error"),
    "severity_violation": ("违规", "Violation"),
    "severity_warning": ("警告", "Warning"),
    "severity_info": ("提示", "Info"),
    "pages": ("分页", "Pages"),
    "downloads": ("下载", "Downloads"),
    "examples": ("示例查询", "Examples"),
    "no_examples": ("暂无示例查询。", "No example queries yet."),
    "run_query": ("运行", "Run"),
    "limits": ("限制", "Limits"),
    "limits_text": ("只读：更新、LOAD 和 SERVICE 一律拒绝。一个查询最多运行 {timeout} 秒（超时返回 503）；请求正文最多 {max_body} 字节"
                    "（超过返回 413）。结果最多 {max_rows} 行（或三元组）：被截断的结果带有响应头",
                    "Read-only: updates, LOAD and SERVICE are refused. A query may run {timeout} s (then 503); a request "
                    "body may hold {max_body} bytes (then 413). At most {max_rows} rows (or triples) are returned: a cut "
                    "result carries the header"),
    "results_formats": ("结果格式：", "Results:"),
    "validation_report": ("验证报告", "Validation report"),
    "conforms_yes": ("图谱符合形状约束。", "The graph conforms to the shapes."),
    "conforms_no": ("图谱不符合形状约束。", "The graph does not conform to the shapes."),
    "validation_counts": ("违规 {v} 条，警告 {w} 条，提示 {i} 条。", "{v} violations, {w} warnings, {i} infos."),
    "shapes": ("形状", "Shapes"),
    "also_as": ("其他格式：", "Also as"),
    "focus_node": ("焦点节点", "Focus node"),
    "path": ("路径", "Path"),
    "classes": ("类", "Classes"),
    "properties_concepts": ("属性与概念", "Properties and concepts"),
    "part_contents": ("目录", "Contents"),
    "part_front": ("封面信息", "Front matter"),
}

#: Names of reused external terms (zh, en); the ontology labels its own terms.
TERMS: dict[str, tuple[str, str]] = {
    "rdf:type": ("类别", "kind"), "rdfs:label": ("标签", "label"), "rdfs:comment": ("说明", "comment"),
    "rdfs:seeAlso": ("另见", "see also"), "rdfs:subClassOf": ("上位类", "subclass of"),
    "rdfs:isDefinedBy": ("定义于", "defined by"), "owl:sameAs": ("等同于", "same as"),
    "skos:prefLabel": ("首选名称", "preferred name"), "skos:altLabel": ("其他名称", "other name"),
    "skos:notation": ("代码", "code"), "skos:exactMatch": ("完全对应", "exact match"),
    "skos:closeMatch": ("近似对应", "close match"), "skos:broader": ("上位概念", "broader"),
    "skos:inScheme": ("所属概念体系", "in scheme"), "skos:definition": ("定义", "definition"),
    "foaf:name": ("姓名", "name"), "foaf:Person": ("人员", "person"),
    "dcterms:title": ("标题", "title"), "dcterms:identifier": ("文号/标识", "identifier"),
    "dcterms:isPartOf": ("属于", "part of"), "dcterms:hasPart": ("包含", "has part"),
    "dcterms:language": ("语言", "language"), "dcterms:spatial": ("地点", "place"),
    "dcterms:subject": ("主题", "subject"), "dcterms:references": ("引用", "references"),
    "dcterms:creator": ("作者", "creator"), "dcterms:date": ("日期", "date"), "dcterms:source": ("来源", "source"),
    "dcterms:license": ("许可", "licence"),
    "schema:legislationIdentifier": ("文书编号", "legislation identifier"),
    "schema:position": ("序号", "position"), "schema:text": ("文本", "text"), "schema:url": ("网址", "web page"),
    "schema:name": ("名称", "name"), "schema:Country": ("国家", "country"), "schema:Report": ("报告", "report"),
    "schema:Person": ("人员", "person"), "schema:Place": ("地点", "place"), "schema:currency": ("货币", "currency"),
    "schema:City": ("城市", "city"), "schema:AdministrativeArea": ("行政区域", "administrative area"),
    "schema:containedInPlace": ("位于", "contained in place"), "schema:contentLocation": ("拍摄地点", "content location"),
    "schema:Organization": ("组织", "organization"), "schema:Event": ("活动", "event"),
    "schema:Legislation": ("立法文书", "legislation"), "schema:MonetaryAmount": ("金额", "monetary amount"),
    "org:Organization": ("组织", "organization"), "org:FormalOrganization": ("正式组织", "formal organization"),
    "org:OrganizationalUnit": ("组织单位", "organizational unit"), "org:Post": ("职务", "post"),
    "org:holds": ("担任", "holds"), "org:heldBy": ("任职者", "held by"), "org:postIn": ("所属机构", "post in"),
    "org:subOrganizationOf": ("上级组织", "part of organization"), "org:hasSubOrganization": ("下属组织", "sub-organization"),
    "org:unitOf": ("所属组织", "unit of"), "org:classification": ("组织类型", "classification"),
    "org:hasPost": ("职务", "has post"), "org:memberOf": ("成员", "member of"),
    "prov:wasDerivedFrom": ("来源于", "derived from"), "prov:wasGeneratedBy": ("生成于", "generated by"),
    "prov:used": ("使用", "used"), "oa:Annotation": ("标注", "annotation"),
    "qb:Observation": ("观测值", "observation"), "qb:dataSet": ("数据集", "data set"),
    "sdmx-measure:obsValue": ("数值", "value"), "sdmx-dimension:refPeriod": ("参考期", "reference period"),
    "sdmx-attribute:unitMeasure": ("计量单位", "unit"),
    "lode:atPlace": ("地点", "at place"), "lode:atTime": ("时间", "at time"), "lode:Event": ("活动", "event"),
    "lode:involvedAgent": ("参与方", "involved agent"),
    "skos:Concept": ("概念", "concept"), "skos:ConceptScheme": ("概念体系", "concept scheme"),
    "owl:Class": ("类", "class"), "owl:ObjectProperty": ("对象属性", "object property"),
    "owl:DatatypeProperty": ("数据属性", "datatype property"), "owl:Ontology": ("本体", "ontology"),
    "rdf:Statement": ("陈述", "statement"), "undo:Resolution": ("决议", "resolution"), "undo:Document": ("文件", "document"),
    "undo:Convention": ("公约", "convention"), "undo:Treaty": ("条约", "treaty"), "undo:Charter": ("宪章", "charter"),
    "undo:Decision": ("决定", "decision"), "schema:copyrightHolder": ("版权所有者", "copyright holder"),
    "schema:caption": ("图片说明", "caption"), "schema:dateCreated": ("拍摄时间", "date created"),
    "schema:creator": ("作者", "creator"), "schema:startDate": ("开始日期", "start date"),
    "schema:endDate": ("结束日期", "end date"), "schema:location": ("地点", "location"),
    "schema:about": ("关于", "about"), "schema:description": ("描述", "description"),
    "schema:organizer": ("组织者", "organizer"), "schema:Photograph": ("照片", "photograph"), "schema:sameAs": ("等同于", "same as"),
    "foaf:depicts": ("照片中有", "depicts"), "foaf:Organization": ("组织", "organization"),
    "org:headOf": ("负责人", "head of"), "org:Role": ("角色", "role"), "org:Site": ("地点", "site"),
    "skos:scopeNote": ("范围注释", "scope note"), "skos:editorialNote": ("编辑注释", "editorial note"),
    "skos:Collection": ("集合", "collection"), "skos:hasTopConcept": ("顶层概念", "top concept"),
    "skos:member": ("成员", "member"), "schema:VisualArtwork": ("艺术作品", "visual artwork"),
    "skos:topConceptOf": ("顶层概念所属体系", "top concept of"), "skos:narrower": ("下位概念", "narrower"),
    "skos:related": ("相关概念", "related"),
    "qb:DataSet": ("数据集", "data set"), "qb:structure": ("数据结构", "structure"),
    "qb:DataStructureDefinition": ("数据结构定义", "data structure definition"),
    "qb:ComponentSpecification": ("组件说明", "component specification"), "qb:component": ("组件", "component"),
    "qb:dimension": ("维度", "dimension"), "qb:measure": ("度量", "measure"), "qb:attribute": ("属性", "attribute"),
    "qb:order": ("顺序", "order"), "qb:DimensionProperty": ("维度属性", "dimension property"),
    "schema:minValue": ("最小值", "minimum value"), "schema:maxValue": ("最大值", "maximum value"),
    "sdmx-dimension:refArea": ("参考地区", "reference area"),
    "sh:focusNode": ("焦点节点", "focus node"), "sh:resultPath": ("路径", "path"), "sh:value": ("值", "value"),
    "sh:resultMessage": ("信息", "message"), "sh:resultSeverity": ("严重性", "severity"),
    "sh:sourceShape": ("来源形状", "source shape"), "sh:ValidationResult": ("验证结果", "validation result"),
    "sh:ValidationReport": ("验证报告", "validation report"), "sh:conforms": ("符合", "conforms"),
    "sh:result": ("结果", "result"), "sh:NodeShape": ("节点形状", "node shape"),
    "sh:PropertyShape": ("属性形状", "property shape"),
    "void:Dataset": ("数据集", "data set"), "dcat:Dataset": ("数据集", "data set"),
    "dcat:Distribution": ("分发", "distribution"), "prov:Activity": ("活动", "activity"),
    "prov:Entity": ("实体", "entity"), "prov:wasAssociatedWith": ("参与者", "associated with"),
    "prov:startedAtTime": ("开始时间", "started at"), "prov:endedAtTime": ("结束时间", "ended at"),
    "oa:hasBody": ("标注主体", "body"), "oa:hasTarget": ("标注目标", "target"), "oa:hasSource": ("来源", "source"),
    "oa:hasSelector": ("选择器", "selector"), "oa:exact": ("原文", "exact text"), "oa:prefix": ("前文", "prefix"),
    "oa:suffix": ("后文", "suffix"), "oa:start": ("起始位置", "start"), "oa:end": ("结束位置", "end"),
    "oa:motivatedBy": ("标注目的", "motivated by"), "oa:SpecificResource": ("特定资源", "specific resource"),
    "oa:TextPositionSelector": ("文本位置选择器", "text position selector"),
    "oa:TextQuoteSelector": ("文本引文选择器", "text quote selector"), "oa:identifying": ("识别", "identifying"),
    "rdf:subject": ("主语", "subject"), "rdf:predicate": ("谓语", "predicate"), "rdf:object": ("宾语", "object"),
    "dcterms:created": ("创建时间", "created"), "dcterms:modified": ("修改时间", "modified"),
    "dcterms:publisher": ("出版者", "publisher"), "dcterms:description": ("描述", "description"),
    "dcterms:rights": ("权利", "rights"), "dcterms:conformsTo": ("遵循", "conforms to"),
    "lode:involved": ("参与者", "involved"), "lode:inSpace": ("所在空间", "in space"),
    "time:Interval": ("时间段", "interval"), "time:Instant": ("时刻", "instant"),
    "owl:AnnotationProperty": ("注释属性", "annotation property"), "owl:imports": ("导入", "imports"),
    "owl:versionInfo": ("版本", "version"), "owl:inverseOf": ("逆属性", "inverse of"),
    "rdfs:domain": ("定义域", "domain"), "rdfs:range": ("值域", "range"), "rdfs:subPropertyOf": ("上位属性", "subproperty of"),
    "rdfs:Datatype": ("数据类型", "datatype"), "rdf:Property": ("属性", "property"),
    "void:classPartition": ("类分区", "class partition"), "void:propertyPartition": ("属性分区", "property partition"),
    "void:class": ("类", "class"), "void:property": ("属性", "property"), "void:entities": ("实体数", "entities"),
    "void:triples": ("三元组数", "triples"), "void:distinctSubjects": ("不同主语数", "distinct subjects"),
    "void:distinctObjects": ("不同宾语数", "distinct objects"), "void:properties": ("属性数", "properties"),
    "void:classes": ("类数", "classes"), "void:documents": ("文档数", "documents"),
    "void:dataDump": ("数据转储", "data dump"), "void:uriSpace": ("IRI 空间", "URI space"),
    "void:sparqlEndpoint": ("SPARQL 端点", "SPARQL endpoint"), "void:vocabulary": ("所用词表", "vocabulary"),
    "void:exampleResource": ("示例资源", "example resource"), "void:rootResource": ("根资源", "root resource"),
    "void:subset": ("子集", "subset"), "void:Linkset": ("链接集", "linkset"), "void:target": ("目标", "target"),
    "void:linkPredicate": ("链接谓词", "link predicate"), "void:subjectsTarget": ("主语数据集", "subjects target"),
    "void:objectsTarget": ("宾语数据集", "objects target"), "void:feature": ("特性", "feature"),
    "void:uriRegexPattern": ("IRI 模式", "URI pattern"), "void:inDataset": ("所属数据集", "in dataset"),
    "dcat:distribution": ("分发", "distribution"), "dcat:downloadURL": ("下载地址", "download URL"),
    "dcat:mediaType": ("媒体类型", "media type"), "dcat:byteSize": ("字节数", "size in bytes"),
    "dcat:accessURL": ("访问地址", "access URL"), "dcat:keyword": ("关键词", "keyword"),
    "dcat:landingPage": ("主页", "landing page"), "dcat:theme": ("主题", "theme"),
    "dcat:compressFormat": ("压缩格式", "compression format"), "dcterms:format": ("格式", "format"),
    "dcterms:issued": ("发布时间", "issued"),
    "foaf:homepage": ("主页", "homepage"), "sd:name": ("图名称", "graph name"), "sd:graph": ("图", "graph"),
    "sd:namedGraph": ("命名图", "named graph"), "sd:defaultGraph": ("默认图", "default graph"),
}

# --- pages (issue 12): YASGUI's own strings on the Chinese query page -------------------------
#: YASGUI draws its interface in English and has no translations; ``static/sparql.js`` replaces
#: these strings (text and tooltips, never the query, the results' cells or their headers) as the
#: editor draws them. English -> Chinese, exact strings, then patterns (JavaScript regular
#: expressions over the whole string, ``$1``… in the replacement).
YASGUI_ZH: dict[str, str] = {
    "Query": "查询", "Table": "表格", "Response": "响应", "Settings": "设置", "Simple view": "简洁视图",
    "Ellipse": "省略长值", "Page size:": "每页条数：", "All": "全部", "Filter query results": "筛选查询结果",
    "Add a new tab": "新建标签页", "Add tab": "新建标签页", "Close tab": "关闭标签页", "Close settings": "关闭设置",
    "Open settings": "打开设置", "Run query": "运行查询", "Share query": "分享查询", "Download result": "下载结果",
    "Download Results": "下载结果", "Download not supported": "此视图不支持下载", "Request method": "请求方法",
    "Accept Headers": "Accept 请求头", "Arguments": "参数", "Header Arguments": "请求头参数", "Default Graphs": "默认图",
    "Named Graphs": "命名图", "Ask / Select": "ASK / SELECT", "Construct / Describe": "CONSTRUCT / DESCRIBE",
    "Try query in a new browser window": "在新的浏览器窗口中尝试查询", "No data available in table": "表中没有数据",
    "No matching records found": "没有匹配的记录", "Showing 0 to 0 of 0 entries": "共 0 条", "Loading...": "加载中…",
    "Processing...": "处理中…", "Save": "保存", "Cancel": "取消", "Close": "关闭", "Copy to clipboard": "复制到剪贴板",
    "Shorten": "缩短", "Copy": "复制", "Copied": "已复制", "Edit": "编辑",
}
YASGUI_ZH_PATTERNS: list[tuple[str, str]] = [
    (r"(\d+) results? in ([\d.]+) seconds?", "$1 条结果，用时 $2 秒"),
    (r"(\d+) results?", "$1 条结果"),
    (r"Response in ([\d.]+) seconds?", "响应用时 $1 秒"),
    (r"Showing ([\d,]+) to ([\d,]+) of ([\d,]+) entries", "第 $1 至 $2 条，共 $3 条"),
    (r"\(filtered from ([\d,]+) total entries\)", "（从 $1 条中筛选）"),
    (r"Shows (.+) view", "显示“$1”视图"),
    (r"View documentation of (.+)", "查看“$1”的说明"),
    (r"(.*): activate to sort column ascending", "$1：按升序排列"),
    (r"(.*): activate to sort column descending", "$1：按降序排列"),
    (r"[A-Za-z ]+ \(#(\d+)\)", "请求出错（HTTP $1）"),
]

# --- pages (issue 12): the SHACL terms a validation result's page shows as values ---------------
TERMS.update({
    "sh:sourceConstraintComponent": ("约束组件", "constraint component"),
    "sh:Violation": ("违规", "violation"), "sh:Warning": ("警告", "warning"), "sh:Info": ("提示", "info"),
    **{f"sh:{local}ConstraintComponent": names for local, names in {
        "Class": ("类约束", "class constraint"), "Datatype": ("数据类型约束", "datatype constraint"),
        "NodeKind": ("节点种类约束", "node kind constraint"), "MinCount": ("最少数量约束", "minimum count constraint"),
        "MaxCount": ("最多数量约束", "maximum count constraint"),
        "MinExclusive": ("下限（不含）约束", "exclusive minimum constraint"),
        "MinInclusive": ("下限（含）约束", "inclusive minimum constraint"),
        "MaxExclusive": ("上限（不含）约束", "exclusive maximum constraint"),
        "MaxInclusive": ("上限（含）约束", "inclusive maximum constraint"),
        "MinLength": ("最短长度约束", "minimum length constraint"),
        "MaxLength": ("最大长度约束", "maximum length constraint"), "Pattern": ("模式约束", "pattern constraint"),
        "LanguageIn": ("语言约束", "language constraint"), "UniqueLang": ("语言唯一约束", "unique language constraint"),
        "Equals": ("相等约束", "equals constraint"), "Disjoint": ("不相交约束", "disjoint constraint"),
        "LessThan": ("小于约束", "less-than constraint"),
        "LessThanOrEquals": ("小于或等于约束", "less-than-or-equals constraint"),
        "Not": ("否定约束", "not constraint"), "And": ("合取约束", "and constraint"), "Or": ("析取约束", "or constraint"),
        "Xone": ("恰好一个约束", "exactly-one constraint"), "Node": ("节点约束", "node constraint"),
        "Property": ("属性约束", "property constraint"),
        "QualifiedMinCount": ("限定最少数量约束", "qualified minimum count constraint"),
        "QualifiedMaxCount": ("限定最多数量约束", "qualified maximum count constraint"),
        "Closed": ("封闭约束", "closed constraint"), "HasValue": ("必有值约束", "has-value constraint"),
        "In": ("取值范围约束", "in constraint"), "SPARQL": ("SPARQL 约束", "SPARQL constraint"),
    }.items()},
})


def current_lang() -> str:
    """The interface language of this request: cookie, then Accept-Language, then Chinese."""
    if not has_request_context():
        return LANGS[0]
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGS:
        return chosen
    best = request.accept_languages.best_match(["zh", "zh-CN", "zh-Hans", "en"])
    return "en" if best == "en" else "zh"


def other_lang(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def text(key: str, lang: str | None = None, **fmt: object) -> str:
    """A UI string in ``lang`` (the request's language by default), with ``{name}`` fields filled."""
    zh, en = STRINGS[key]
    s = en if (lang or current_lang()) == "en" else zh
    return s.format(**fmt) if fmt else s


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def humanize(iri: str) -> str:
    """A readable name from an IRI's local name (``subOrganizationOf`` -> ``sub organization of``)."""
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return _CAMEL.sub(" ", local).replace("_", " ").lower() or iri


_CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef][\u3000-\u303f\u3400-\u9fff\uff00-\uffef\s\d·]*")


def mark_chinese(value: str, lang: str) -> Markup:
    """HTML of ``value`` with its Chinese runs marked ``lang="zh-Hans"`` on an English page, so an
    English sentence quoting the report's wording says which words are Chinese.

    >>> str(mark_chinese("A charter (《联合国宪章》).", "en"))
    'A charter (<span lang="zh-Hans" translate="no">《联合国宪章》</span>).'
    >>> str(mark_chinese("<b>联合国</b>", "zh"))
    '&lt;b&gt;联合国&lt;/b&gt;'
    """
    if lang == "zh":
        return Markup.escape(value)
    out, pos = [], 0
    for m in _CJK_RUN.finditer(value):
        run = m.group(0).rstrip()
        out.append(str(Markup.escape(value[pos:m.start()])))
        out.append(f'<span lang="zh-Hans" translate="no">{Markup.escape(run)}</span>')
        pos = m.start() + len(run)
    out.append(str(Markup.escape(value[pos:])))
    return Markup("".join(out))


# --- views: timeline, map, charts (ungraph.web.views) ----------------------------------------------
STRINGS.update({
    "views_timeline": ("时间线", "Timeline"),
    "views_map": ("地图", "Map"),
    "views_charts": ("图表", "Charts"),
    "views_timeline_intro": ("报告提到的活动，按日期排列；日期的精度与报告所写相同（年、月或日）。",
                             "The events the report names, by date, as precise as the report gives it (year, month or day)."),
    "views_map_intro": ("各国按报告提及的次数着色（提及该国的文本块数）。点击一个国家，查看在那里工作的特派团、活动和数字。",
                        "Countries shaded by how often the report speaks of them (the blocks that mention them). Click a country for the missions, activities and figures there."),
    "views_charts_intro": ("报告中的数字：各章的指示性资源及其资金来源、各类实体的数量、报告图表的数据。",
                           "The report's numbers: each chapter's indicative resources by funding source, the number of entities of each kind, the data of the report's charts."),
    "views_kind": ("活动类型", "Kind of event"),
    "views_chapter": ("章节", "Chapter"),
    "views_all": ("全部", "All"),
    "views_apply": ("应用", "Apply"),
    "views_clear": ("清除筛选", "Clear filters"),
    "views_no_kind": ("未分类", "Unclassified"),
    "views_undated": ("无日期", "Undated"),
    "views_date": ("日期", "Date"),
    "views_event": ("活动", "Event"),
    "views_place": ("地点", "Place"),
    "views_events_shown": ("显示 {n} 个活动，共 {total} 个", "{n} of {total} events shown"),
    "views_no_events": ("没有符合这些筛选条件的活动。", "No event matches these filters."),
    "views_country": ("国家或领土", "Country or territory"),
    "views_mentions": ("提及次数", "Mentions"),
    "views_missions": ("特派团", "Missions"),
    "views_activities": ("行动", "Activities"),
    "views_events": ("活动", "Events"),
    "views_figures": ("数字", "Figures"),
    "views_cities": ("城市", "Cities"),
    "views_pick_country": ("在地图上点击一个国家，或在下表中选择。", "Click a country on the map, or pick one in the table below."),
    "views_nothing_linked": ("图谱中没有与之相连的特派团、活动或数字。", "The graph links no mission, activity or figure to it."),
    "views_open_page": ("打开页面", "Open its page"),
    "views_resources": ("指示性资源", "Indicative resources"),
    "views_resources_intro": ("各章“指示性资源”一节所列数额（美元），按资金来源分列。",
                              "The amounts in each chapter's 'indicative resources' section (US dollars), by funding source."),
    "views_total": ("合计", "Total"),
    "views_not_broken_down": ("未按来源分列", "Not broken down"),
    "views_as_written": ("原文", "As written"),
    "views_kinds": ("各类实体的数量", "Entities per kind"),
    "views_series": ("报告图表的数据", "Data of the report's charts"),
    "views_no_series": ("图谱中还没有按系列读出的图表。", "The graph has no chart read as series yet."),
    "views_category": ("类别", "Category"),
    "views_unit": ("单位", "Unit"),
    "views_data_json": ("本页数据（JSON）", "This page's data (JSON)"),
    "views_chart_of": ("图表：{what}", "Chart: {what}"),
    "views_table_of": ("表格：{what}", "Table: {what}"),
    "views_usd": ("美元", "US dollars"),
    "views_geometry_source": ("国界数据：", "Boundaries: "),
    "views_geometry_join": ("，按 M49 代码连接。地图上的名称和边界不代表联合国的任何立场。",
                            ", joined on M49 codes. The names and boundaries shown do not imply any position of the United Nations."),
    "views_not_on_map": ("地图上没有形状的地区和领土", "Regions and territories without a shape on the map"),
})


_LATIN_RUN = re.compile(r"[A-Za-z][\w:./#+\-]*(?:[ ]+[A-Za-z0-9][\w:./#+\-]*)*", re.ASCII)


def mark_latin(value: str) -> Markup:
    """HTML of ``value`` with its runs of Latin letters (CURIEs, code, acronyms such as MONUSCO) marked
    ``translate="no"``, so a Chinese sentence that names ``ug:mentions`` says which words are not to translate.

    >>> str(mark_latin("以 ug:mentions 链接（如 MONUSCO）。"))
    '以 <span translate="no">ug:mentions</span> 链接（如 <span translate="no">MONUSCO</span>）。'
    >>> str(mark_latin("联合国 <b>"))
    '联合国 &lt;<span translate="no">b</span>&gt;'
    """
    out, pos = [], 0
    for m in _LATIN_RUN.finditer(value):
        out.append(str(Markup.escape(value[pos:m.start()])))
        out.append(f'<span translate="no">{Markup.escape(m.group(0))}</span>')
        pos = m.end()
    out.append(str(Markup.escape(value[pos:])))
    return Markup("".join(out))


def mark_mixed(value: str, lang: str) -> Markup:
    """HTML of a sentence in the page's language ``lang`` that quotes the other script: Chinese runs
    marked on an English page (:func:`mark_chinese`), Latin runs on a Chinese one (:func:`mark_latin`).

    >>> str(mark_mixed("见 schema:text", "zh")), str(mark_mixed("see 联合国", "en"))
    ('见 <span translate="no">schema:text</span>', 'see <span lang="zh-Hans" translate="no">联合国</span>')
    """
    return mark_latin(value) if lang == "zh" else mark_chinese(value, lang)
