"""The error catalogue: one stable code per kind of problem, with its Chinese and English text.

Codes never change meaning once released; new kinds of problem get new codes. `R` codes are about
rubric files. Parameters in braces are filled by `Problem.message`.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

CATALOGUE: dict[str, dict[str, str]] = {
    # -- reading rubric files ------------------------------------------------------------------
    "R001": {"zh": "找不到文件：{path}", "en": "file not found: {path}"},
    "R002": {"zh": "YAML 语法错误：{detail}", "en": "YAML syntax error: {detail}"},
    "R003": {"zh": "应为{expected}，实际为 {found}", "en": "expected {expected}, found {found}"},
    "R004": {"zh": "缺少必填项 {key}", "en": "required key {key} is missing"},
    "R005": {"zh": "未知的键 {key}{hint}", "en": "unknown key {key}{hint}"},
    "R006": {"zh": "取值 {found} 无效，应为以下之一：{expected}", "en": "invalid value {found}, expected one of: {expected}"},
    "R007": {"zh": "无法读取文件 {path}：{detail}", "en": "cannot read the file {path}: {detail}"},
    "R008": {"zh": "键 {key} 重复（第一次出现在第 {first_line} 行）；同一层级的键只能写一次", "en": "key {key} appears twice (first at line {first_line}); a key may be written once per level"},
    "R009": {"zh": "YAML 别名（*名称）引用了包含它自身的内容，永远展开不完：请把内容直接写出来", "en": "a YAML alias (*name) refers to content that contains it and never ends: write the content out"},
    # -- rubric structure ------------------------------------------------------------------------
    "R010": {"zh": "编号 {id} 重复（第一次出现在第 {first_line} 行）", "en": "duplicate id {id} (first used at line {first_line})"},
    "R011": {"zh": "各领域分值之和为 {found}，应等于总分 {expected}", "en": "domain points add up to {found}, expected the scale {expected}"},
    "R012": {"zh": "领域 {domain} 的指标分值之和为 {found}，应等于领域分值 {expected}", "en": "indicator points of domain {domain} add up to {found}, expected the domain's {expected}"},
    "R013": {"zh": "指标 {id} 未定义{hint}", "en": "indicator {id} is not defined{hint}"},
    "R014": {"zh": "指标 {id} 属于领域 {found}，却被列在领域 {expected} 下", "en": "indicator {id} belongs to domain {found} but is listed under {expected}"},
    "R015": {"zh": "指标 {id} 已定义但未被任何领域使用", "en": "indicator {id} is defined but no domain uses it"},
    "R016": {"zh": "评分人 {id} 未在 raters 中声明{hint}", "en": "rater {id} is not declared in raters{hint}"},
    "R017": {"zh": "等级档次应按 min 从高到低排列且最后一档 min 为 0，实际为 {found}", "en": "grades must be ordered by min from high to low, ending at 0; found {found}"},
    # -- rules and evidence ------------------------------------------------------------------------
    "R020": {"zh": "证据字段 {id} 未声明{hint}", "en": "evidence field {id} is not declared{hint}"},
    "R021": {"zh": "证据字段 {id} 的类型是 {found}，此处需要 {expected}", "en": "evidence field {id} has type {found}, expected {expected} here"},
    "R022": {"zh": "分档的 min 应严格递增，实际为 {found}", "en": "band minimums must be strictly ascending, found {found}"},
    "R023": {"zh": "第一档从 {found} 开始，未覆盖最小可能值 {expected}", "en": "the first band starts at {found} and does not cover the lowest possible value {expected}"},
    "R024": {"zh": "评级须有 0–4 共五个等级的描述，缺少 {missing}，多出 {extra}", "en": "a rating needs anchors for levels 0-4; missing {missing}, extra {extra}"},
    "R025": {"zh": "改进建议须覆盖等级 0–3，缺少 {missing}", "en": "advice must cover levels 0-3; missing {missing}"},
    "R026": {"zh": "表达式有误：{detail}", "en": "expression error: {detail}"},
    "R027": {"zh": "表达式中的 {id} 不是{scope}{hint}", "en": "{id} in the expression is not {scope}{hint}"},
    "R028": {"zh": "表达式的结果应为{expected}，实际为{found}", "en": "the expression should give {expected}, it gives {found}"},
    "R029": {"zh": "没有任何一档得满分（最高 {found}），该指标永远拿不到满分", "en": "no band scores 1 (highest {found}): the indicator can never reach full points"},
    "R030": {"zh": "选择题字段 {id} 没有列出 choices", "en": "choice field {id} lists no choices"},
    "R031": {"zh": "字段 {id} 的类型 {found} 不能设置 range", "en": "field {id} of type {found} cannot have a range"},
    "R032": {"zh": "取值范围 {found} 无效：下限应不大于上限", "en": "range {found} is invalid: the minimum must not exceed the maximum"},
    "R033": {"zh": "raters 只适用于 rating 规则，本指标的规则是 {found}", "en": "raters only apply to rating rules; this indicator's rule is {found}"},
    "R034": {"zh": "表达式中不能使用 {found}：评估标准的表达式只能用算术、比较和逻辑运算（正则表达式和 $ 内置函数可能运行极慢，或每次结果不同）", "en": "{found} cannot be used in expressions: rubric expressions use arithmetic, comparisons and logic only (regular expressions and $ built-ins can run for hours or give a different result each time)"},
    "R035": {"zh": "表达式有 {found} 个字符，超过 {limit} 个字符的上限", "en": "the expression has {found} characters, more than the limit of {limit}"},
    # -- maturity ladder ---------------------------------------------------------------------------
    "R040": {"zh": "成熟度阶梯的阶段应为 1 到 {expected} 连续编号，实际为 {found}", "en": "ladder stages must be numbered 1 to {expected} in order, found {found}"},
    "R041": {"zh": "名册列 {id} 未声明{hint}", "en": "roster column {id} is not declared{hint}"},
    # -- rubric files read as untrusted --------------------------------------------------------------
    "R050": {"zh": "嵌套超过 {limit} 层，评估标准不会有这么深的结构", "en": "nested more than {limit} levels deep; no rubric needs that"},
    "R051": {"zh": "{path} 不在评估标准所在的文件夹内：只能引用该文件夹（含子文件夹）或内置 indicators 文件夹中的文件", "en": "{path} is outside the rubric's folder: a rubric may only name files in its own folder (and its subfolders) or the bundled indicators folder"},
    "R052": {"zh": "{path} 不是 YAML 文件：引用的文件扩展名应为 .yaml 或 .yml", "en": "{path} is not a YAML file: files a rubric names end in .yaml or .yml"},
    "R053": {"zh": "展开 YAML 别名（*名称）后超过 {limit} 个值，评估标准不会有这么多内容", "en": "with its YAML aliases (*name) expanded the file holds more than {limit} values; no rubric needs that"},
    # -- reading filled forms (xlsx): the file --------------------------------------------------------
    "F001": {"zh": "找不到文件：{path}", "en": "file not found: {path}"},
    "F002": {"zh": "这不是 Excel 工作簿（.xlsx）：{detail}。请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”后再检查", "en": "this is not an Excel workbook (.xlsx): {detail}. Save it as \"Excel Workbook (*.xlsx)\" in Excel or WPS and check it again"},
    "F003": {"zh": "文件已损坏或不完整，无法读取（{detail}）。请从原件重新复制，或在 Excel 或 WPS 中打开后重新保存", "en": "the file is damaged or incomplete and cannot be read ({detail}). Copy it again from the original, or open and save it again in Excel or WPS"},
    "F004": {"zh": "文件含有异常或不安全的内容（{detail}），为安全起见拒绝读取。请把答案复制到新生成的评估表中", "en": "the file holds unusual or unsafe content ({detail}) and was refused for safety. Copy the answers into a newly generated form"},
    "F005": {"zh": "文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码后重新保存", "en": "the file is password-protected and cannot be read. Remove the password in Excel or WPS and save it again"},
    # -- reading filled forms: which form it is --------------------------------------------------------
    "F010": {"zh": "这不是由 evaluator template 生成的评估表（缺少隐藏的 _meta 工作表），无法确定各个答案的位置。请用 evaluator template 生成评估表，把答案复制过去", "en": "this is not a form generated by evaluator template (the hidden _meta sheet is missing), so the answers cannot be located. Generate a form with evaluator template and copy the answers into it"},
    "F011": {"zh": "隐藏的 _meta 工作表被改动或已损坏（{detail}），无法确定各个答案的位置。请用 evaluator template 生成新表，把答案复制过去", "en": "the hidden _meta sheet was edited or is damaged ({detail}), so the answers cannot be located. Generate a new form with evaluator template and copy the answers into it"},
    "F012": {"zh": "此表属于评估标准 {found}，而不是 {expected}。请用 --rubric 指定 {found}，或用 evaluator template 按 {expected} 生成新表并把答案复制过去", "en": "this form belongs to rubric {found}, not {expected}. Pass --rubric for {found}, or generate a new form for {expected} with evaluator template and copy the answers into it"},
    "F013": {"zh": "此表按评估标准 {id} 的 {found} 版生成，当前标准是 {expected} 版。迁移方法：用 evaluator template 生成 {expected} 版的新表，把已填写的答案复制过去，再运行 evaluator check", "en": "this form was generated for version {found} of rubric {id}, the rubric is now version {expected}. To migrate: generate a new form with evaluator template, copy the answers into it and run evaluator check again"},
    "F014": {"zh": "生成此表之后，评估标准 {id} {version} 的内容有改动（版本号未变）；答案按字段编号读取，请核对结果", "en": "rubric {id} {version} changed after this form was generated (same version number); answers were matched by field id, please review the results"},
    "F015": {"zh": "找不到或无法读取此表所用的评估标准 {id}（{path}）。请用 --rubric 指定标准文件", "en": "the rubric this form uses, {id}, cannot be found or read ({path}). Pass the rubric file with --rubric"},
    "F016": {"zh": "此表的模板版本 {found} 不受本程序支持（支持 {expected}）。请用 evaluator template 生成新表，把答案复制过去", "en": "this form's template version {found} is not supported (this program reads {expected}). Generate a new form with evaluator template and copy the answers into it"},
    "F017": {"zh": "找不到工作表“{sheet}”，可能被改名或删除了{hint}。请把工作表名改回“{sheet}”，或把答案复制到新生成的表中", "en": "sheet \"{sheet}\" is missing: it may have been renamed or deleted{hint}. Rename it back to \"{sheet}\", or copy the answers into a newly generated form"},
    "F018": {"zh": "表中没有“{label}”（{key}）的填写位置，表格与评估标准不一致。请用 evaluator template 生成新表，把答案复制过去", "en": "the form has no place for \"{label}\" ({key}): it does not match the rubric. Generate a new form with evaluator template and copy the answers into it"},
    # -- reading filled forms: answers ----------------------------------------------------------------
    "F020": {"zh": "{label}：应为{expected}，实际为“{found}”", "en": "{label}: expected {expected}, found \"{found}\""},
    "F021": {"zh": "{label}：{found} 不在允许范围 {low}–{high} 内", "en": "{label}: {found} is outside the allowed range {low} to {high}"},
    "F022": {"zh": "{label}：“{found}”不是可选项，应为以下之一：{expected}", "en": "{label}: \"{found}\" is not one of the choices: {expected}"},
    "F023": {"zh": "{label}：必填项未填写", "en": "{label}: required, but empty"},
    "F024": {"zh": "{label}：已将“{found}”读作 {value}", "en": "{label}: read \"{found}\" as {value}"},
    "F025": {"zh": "{label}：“{found}”已读作 {value}；如果指的是 {other}，请写成“{other}”", "en": "{label}: read \"{found}\" as {value}; if you meant {other}, write \"{other}\""},
    "F026": {"zh": "{label}：文字有 {found} 字，超过 {limit} 字的上限。已完整读取，但请精简，详细材料可作为附件", "en": "{label}: the text has {found} characters, more than the limit of {limit}. It was read in full, but please shorten it and attach details separately"},
    "F027": {"zh": "{label}：单元格里是公式，但文件没有保存计算结果，按未填写处理。请在 Excel 或 WPS 中打开并保存，或直接填写数值", "en": "{label}: the cell holds a formula but the file has no saved result, so it is treated as empty. Open and save the file in Excel or WPS, or type the value"},
    "F028": {"zh": "{label}：单元格显示错误值 {found}，按未填写处理", "en": "{label}: the cell shows the error {found} and is treated as empty"},
    "F029": {"zh": "{label}：评分应为 0–4 的整数等级（请从下拉列表选择），实际为“{found}”", "en": "{label}: a rating is a whole level from 0 to 4 (pick it from the list), found \"{found}\""},
    # -- reading filled forms: answers checked together -----------------------------------------------
    "F030": {"zh": "项目结束日期 {end} 早于开始日期 {start}", "en": "the project ends ({end}) before it starts ({start})"},
    "F031": {"zh": "{label}：“{found}”不是本评估标准中的指标{hint}", "en": "{label}: \"{found}\" is not an indicator of this rubric{hint}"},
    "F032": {"zh": "自组织“{name}”在名册中重复（第一次出现在第 {first_row} 行），同一组织只写一行", "en": "organization \"{name}\" is listed twice (first at row {first_row}); list each organization once"},
    "F033": {"zh": "此处有内容，但在填写区域（第 {first}–{last} 行）之外，没有被读取", "en": "there is content here, outside the rows that are read ({first} to {last}); it was ignored"},
    "F034": {"zh": "{label}：必填证据未填写；评分时按该指标对缺少证据的规定处理，结果可能是暂定的", "en": "{label}: required evidence is empty; scoring treats it as the indicator says for missing evidence, and the result may be provisional"},
    "F035": {"zh": "{label}：文字有 {found} 字，超过 {limit} 字的上限，未读取。请精简，详细材料可作为附件", "en": "{label}: the text has {found} characters, more than the limit of {limit}, and was not read. Please shorten it and attach details separately"},
    # -- scoring and writing results --------------------------------------------------------------
    "P001": {"zh": "输出文件 {path} 已存在且内容不同；未覆盖（确需覆盖请加 --force）", "en": "output file {path} exists with different content; not overwritten (use --force to replace it)"},
    "P002": {"zh": "结果为暂定：{count} 项必填证据或评级缺失（{items}）；--strict 下不输出暂定结果", "en": "provisional result: {count} required evidence fields or ratings missing ({items}); --strict refuses provisional results"},
    "P003": {"zh": "评分时出现内部错误：{detail}。表格本身可能没有问题，请把此表格和这条消息反馈给开发者", "en": "internal error while scoring: {detail}. The form may be fine; please report this form and message to the developers"},
    "P004": {"zh": "无法写入 {path}：{detail}", "en": "cannot write {path}: {detail}"},
    "P005": {"zh": "处理此文件的进程意外终止（{detail}），此文件未完成；其余文件不受影响。请把此文件和这条消息反馈给开发者", "en": "the process working on this file stopped ({detail}) and the file was not finished; the other files are not affected. Please report this file and message to the developers"},
    "P006": {"zh": "本批中的 {other} 也得出结果文件名 {name}（同一项目、届次和评估类型，或项目编号与届次转成文件名后相同）；两份结果都已保留，本表的结果另存为 {saved}", "en": "{other} in this batch also gives the result file name {name} (the same project, round and type, or a code and round that become the same file name); both results are kept, this form's as {saved}"},
    "P007": {"zh": "文件夹 {path} 中没有评估表（.xlsx 文件）", "en": "the folder {path} holds no forms (.xlsx files)"},
    # -- the results store and comparisons --------------------------------------------------------
    "S001": {"zh": "找不到文件：{path}", "en": "file not found: {path}"},
    "S002": {"zh": "无法读取文件：{detail}", "en": "cannot read the file: {detail}"},
    "S003": {"zh": "不是有效的 JSON（第 {column} 列）：{detail}", "en": "not valid JSON (column {column}): {detail}"},
    "S004": {"zh": "不是评估结果文件：schema 为 {found}，应为 {expected}", "en": "not an evaluation result: schema is {found}, expected {expected}"},
    "S005": {"zh": "应为{expected}，实际为 {found}", "en": "expected {expected}, found {found}"},
    "S006": {"zh": "缺少必填项 {key}", "en": "required key {key} is missing"},
    "S007": {"zh": "未知的键 {key}{hint}", "en": "unknown key {key}{hint}"},
    "S008": {"zh": "取值 {found} 无效，应为以下之一：{expected}", "en": "invalid value {found}, expected one of: {expected}"},
    "S009": {"zh": "{key} 为空：结果按项目编号和资助批次入库，两者都必须填写", "en": "{key} is empty: results are filed by project code and funding round, both are needed"},
    "S010": {"zh": "{kind}编号 {id} 重复，同一结果中应唯一", "en": "{kind} id {id} appears more than once in the result"},
    "S011": {"zh": "总分 {found} 与各领域得分不符：领域得分之和为 {sum}，按舍入规则总分应为 {expected}", "en": "the total {found} does not follow from the domains: they add up to {sum}, so the total should be {expected} within rounding"},
    "S012": {"zh": "得分 {found} 超过满分 {max}", "en": "{found} points exceed the maximum of {max}"},
    "S013": {"zh": "应为不小于 0 的有限数值，实际为 {found}", "en": "expected a finite number of at least 0, found {found}"},
    "S014": {"zh": "等级 {found} 超出评分等级范围 0–{max}", "en": "level {found} is outside the rating scale 0-{max}"},
    "S015": {"zh": "等级为 {found}，按总分、等级档次和一票否决项应为 {expected}", "en": "the grade is {found}; the total, the grade scale and the red lines give {expected}"},
    "S016": {"zh": "自组织阶段 {found} 超出成熟度阶梯 0–{max}", "en": "stage {found} is outside the maturity ladder 0-{max}"},
    "S017": {"zh": "应为 64 位十六进制的 sha256 值，实际为 {found}", "en": "expected a sha256 of 64 hexadecimal digits, found {found}"},
    "S018": {"zh": "不是普通文件（文件夹、设备或管道），未读取：{path}", "en": "not a regular file (a folder, a device or a pipe), not read: {path}"},
    "S019": {"zh": "文件过大（{size} 字节，上限 {limit} 字节），未读取", "en": "the file is too large ({size} bytes, the limit is {limit}), not read"},
    "S020": {"zh": "无法打开结果库：{detail}", "en": "cannot open the results database: {detail}"},
    "S021": {"zh": "{path} 不是 evaluator 的结果库", "en": "{path} is not an evaluator results database"},
    "S022": {"zh": "结果库的结构版本为 {found}，本程序只支持到 {expected}：请升级 evaluator", "en": "the database has schema version {found}; this evaluator supports up to {expected}: please upgrade"},
    "S023": {"zh": "结果库不存在：{path}（先用 evaluator ingest 写入评估结果，或用 --db 指定结果库）", "en": "no results database at {path} (store results with evaluator ingest first, or name one with --db)"},
    "S024": {"zh": "写入结果库失败，本次没有写入任何内容：{detail}", "en": "writing to the results database failed; nothing was written: {detail}"},
    "S025": {"zh": "结果库 {path} 是空的，还没有写入任何结果（先用 evaluator score 或 evaluator ingest{db} 写入）", "en": "the results database {path} is empty: nothing has been stored yet (store results with evaluator score or evaluator ingest{db} first)"},
    "S026": {"zh": "结果库 {path} 由较早版本的 evaluator 建立，需要先升级才能读取：运行 evaluator migrate{db}（原有结果全部保留；写入命令也会自动升级）", "en": "the results database {path} was made by an earlier evaluator and must be upgraded before it can be read: run evaluator migrate{db} (every stored result is kept; writing commands upgrade it too)"},
    "S027": {"zh": "结果库 {path} 缺少数据表 {tables}：文件不完整或被改动过；请从备份恢复，或用 --db 指定另一个结果库", "en": "the results database {path} lacks the tables {tables}: it is incomplete or was altered; restore it from a backup, or name another one with --db"},
    "S028": {"zh": "结果库 {path} 已损坏（{detail}）；请从备份恢复，或用 --db 指定另一个结果库", "en": "the results database {path} is damaged ({detail}); restore it from a backup, or name another one with --db"},
    "S029": {"zh": "JSON 嵌套超过 {limit} 层，不是评估结果，未读取", "en": "the JSON is nested more than {limit} levels deep: not an evaluation result, not read"},
    "S030": {"zh": "结果库中没有项目 {project}（按项目编号或名称查找）{hint}", "en": "no project {project} in the results database (looked up by code or name){hint}"},
    "S031": {"zh": "结果库中没有届次 {round}{hint}", "en": "no round {round} in the results database{hint}"},
    "S032": {"zh": "没有可比较的评估结果：所选届次和项目中没有终期或中期评估（自评不参与比较）", "en": "nothing to compare: the selected rounds and projects have no final or midterm evaluation (self-assessments are not compared)"},
    "S033": {"zh": "数值 {found} 超出范围：应为有限数值", "en": "the number {found} is out of range: expected a finite number"},
    "S034": {"zh": "文本含有无效字符（孤立的代理码位 {found}），应为有效的 UTF-8 文本", "en": "the text holds an invalid character (a lone surrogate {found}); expected valid UTF-8 text"},
    # -- feedback reports --------------------------------------------------------------------------
    "G001": {"zh": "生成报告时出现内部错误：{detail}。结果文件本身没有问题，请把结果文件和这条消息反馈给开发者", "en": "internal error while making the report: {detail}. The result file is fine; please report it and this message to the developers"},
    "G002": {"zh": "无法从结果库读取该项目的上一轮评估（{detail}），报告中不含与上一轮的比较", "en": "the project's earlier round could not be read from the results database ({detail}); the report has no comparison with it"},
    "G003": {"zh": "无法写入报告 {path}：{detail}", "en": "cannot write the report {path}: {detail}"},
    "G004": {"zh": "有 {count} 个结果，-o 应为文件夹，而 {path} 是文件（或带有文件扩展名）", "en": "{count} results need a folder for -o, but {path} is a file (or has a file extension)"},
    # -- the web platform: uploads ------------------------------------------------------------------
    "W001": {"zh": "不是评估标准文件：应为 .yaml 或 .zip（评估标准文件夹的压缩包），实际为 {found}", "en": "not a rubric file: expected a .yaml file or a .zip of a rubric folder, found {found}"},
    "W002": {"zh": "压缩包中的 {entry} 不安全或无法读取（{detail}），整个压缩包已拒绝", "en": "{entry} in the archive is unsafe or unreadable ({detail}); the whole archive was refused"},
    "W003": {"zh": "压缩包中应恰好有一个评估标准文件（含 indicator_files 的 YAML），实际找到 {found} 个{hint}", "en": "the archive should hold exactly one rubric file (a YAML with indicator_files), found {found}{hint}"},
    "W005": {"zh": "文件过大（{size} MB，上限 {limit} MB），未读取", "en": "the file is too large ({size} MB, the limit is {limit} MB), not read"},
    "W006": {"zh": "这不是 .xlsx 或 .zip 文件（{found}），已跳过；请上传评估表（.xlsx）或装有评估表的压缩包（.zip）", "en": "this is not an .xlsx or .zip file ({found}) and was skipped; upload forms (.xlsx) or a zip of forms"},
    "W007": {"zh": "压缩包中没有评估表（.xlsx）", "en": "the archive holds no forms (.xlsx)"},
    "W010": {"zh": "表中的项目编号是 {found}，而分派给您的项目是 {expected}；请核对封面的项目编号，或下载该项目的评估表", "en": "the form's project code is {found}, but the project assigned is {expected}; check the code on the cover, or download this project's form"},
    "W011": {"zh": "表中的资助批次是“{found}”，而本次评估的届次是“{expected}”；请核对封面的资助批次", "en": "the form's funding round is \"{found}\", but this evaluation is for the round \"{expected}\"; check the round on the cover"},
    "W012": {"zh": "项目 {code}（{round}）没有分派给您，此表未评分", "en": "project {code} ({round}) is not assigned to you; this form was not scored"},
    "W013": {"zh": "表中的评估类型是{found}，而分派的是{expected}；请核对封面的评估类型", "en": "the form's evaluation type is {found}, but the assignment is for {expected}; check the evaluation type on the cover"},
    "W014": {"zh": "结果库中没有项目 {code}；请管理员先在设置中添加该项目", "en": "there is no project {code} in the store; ask an administrator to add the project first"},
}

METHODS: dict[str, dict[str, str]] = {
    "documents": {"zh": "查阅资料", "en": "Document review"},
    "interview": {"zh": "访谈", "en": "Interview"},
    "observation": {"zh": "观察", "en": "Observation"},
    "survey": {"zh": "问卷", "en": "Survey"},
}

TYPE_NAMES: dict[str, dict[str, str]] = {
    "integer": {"zh": "整数", "en": "integer"},
    "number": {"zh": "数值", "en": "number"},
    "percent": {"zh": "百分比", "en": "percent"},
    "boolean": {"zh": "是/否", "en": "yes/no"},
    "choice": {"zh": "选项", "en": "choice"},
    "text": {"zh": "文本", "en": "text"},
    "date": {"zh": "日期", "en": "date"},
}
