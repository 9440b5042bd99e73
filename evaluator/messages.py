"""The error catalogue: one stable code per kind of problem, with its English text as the msgid of the
engine's translation catalogue (the Chinese is in `evaluator/locale/zh_Hans/LC_MESSAGES/django.po`).

Codes never change meaning once released; new kinds of problem get new codes. `R` codes are about
rubric files. Parameters in braces are filled by `Problem.message`.
"""

from __future__ import annotations

from evaluator.i18n import N_
from evaluator.i18n import Lang as Lang  # re-exported for modules not yet importing it from evaluator.i18n

CATALOGUE: dict[str, str] = {
    # -- reading rubric files ------------------------------------------------------------------
    "R001": N_("file not found: {path}"),
    "R002": N_("YAML syntax error: {detail}"),
    "R003": N_("expected {expected}, found {found}"),
    "R004": N_("required key {key} is missing"),
    "R005": N_("unknown key {key}{hint}"),
    "R006": N_("invalid value {found}, expected one of: {expected}"),
    "R007": N_("cannot read the file {path}: {detail}"),
    "R008": N_("key {key} appears twice (first at line {first_line}); a key may be written once per level"),
    "R009": N_("a YAML alias (*name) refers to content that contains it and never ends: write the content out"),
    # -- rubric structure ------------------------------------------------------------------------
    "R010": N_("duplicate id {id} (first used at line {first_line})"),
    "R011": N_("domain points add up to {found}, expected the scale {expected}"),
    "R012": N_("indicator points of domain {domain} add up to {found}, expected the domain's {expected}"),
    "R013": N_("indicator {id} is not defined{hint}"),
    "R014": N_("indicator {id} belongs to domain {found} but is listed under {expected}"),
    "R015": N_("indicator {id} is defined but no domain uses it"),
    "R016": N_("rater {id} is not declared in raters{hint}"),
    "R017": N_("grades must be ordered by min from high to low, ending at 0; found {found}"),
    "R018": N_("source {id} is not in the rubric's references{hint}"),
    # -- rules and evidence ------------------------------------------------------------------------
    "R020": N_("evidence field {id} is not declared{hint}"),
    "R021": N_("evidence field {id} has type {found}, expected {expected} here"),
    "R022": N_("band minimums must be strictly ascending, found {found}"),
    "R023": N_("the first band starts at {found} and does not cover the lowest possible value {expected}"),
    "R024": N_("a rating needs anchors for levels 0-4; missing {missing}, extra {extra}"),
    "R025": N_("advice must cover levels 0-3; missing {missing}"),
    "R026": N_("expression error: {detail}"),
    "R027": N_("{id} in the expression is not {scope}{hint}"),
    "R028": N_("the expression should give {expected}, it gives {found}"),
    "R029": N_("no band scores 1 (highest {found}): the indicator can never reach full points"),
    "R030": N_("choice field {id} lists no choices"),
    "R031": N_("field {id} of type {found} cannot have a range"),
    "R032": N_("range {found} is invalid: the minimum must not exceed the maximum"),
    "R033": N_("raters only apply to rating rules; this indicator's rule is {found}"),
    "R034": N_("{found} cannot be used in expressions: rubric expressions use arithmetic, comparisons and logic only (regular expressions and $ built-ins can run for hours or give a different result each time)"),
    "R035": N_("the expression has {found} characters, more than the limit of {limit}"),
    "R042": N_("min_sample names field {id}, which is not declared{hint}"),
    "R043": N_("min_sample field {id} must be an integer (people, questionnaires, payments), found {found}"),
    "R044": N_("min_sample sets share {found} but no share_of field names the population"),
    "R045": N_("min_sample at_least {found} exceeds the largest value field {id} allows ({expected}): the indicator can never reach full points"),
    "R046": N_("on_zero_denominator: {choice} can never apply: denominator {id} starts at {found}"),
    # -- maturity ladder ---------------------------------------------------------------------------
    "R040": N_("ladder stages must be numbered 1 to {expected} in order, found {found}"),
    "R041": N_("roster column {id} is not declared{hint}"),
    # -- rubric files read as untrusted --------------------------------------------------------------
    "R050": N_("nested more than {limit} levels deep; no rubric needs that"),
    "R051": N_("{path} is outside the rubric's folder: a rubric may only name files in its own folder (and its subfolders) or the bundled indicators folder"),
    "R052": N_("{path} is not a YAML file: files a rubric names end in .yaml or .yml"),
    "R053": N_("with its YAML aliases (*name) expanded the file holds more than {limit} values; no rubric needs that"),
    # -- reading filled forms (xlsx): the file --------------------------------------------------------
    "F001": N_("file not found: {path}"),
    "F002": N_("this is not an Excel workbook (.xlsx): {detail}. Save it as \"Excel Workbook (*.xlsx)\" in Excel or WPS and check it again"),
    "F003": N_("the file is damaged or incomplete and cannot be read ({detail}). Copy it again from the original, or open and save it again in Excel or WPS"),
    "F004": N_("the file holds unusual or unsafe content ({detail}) and was refused for safety. Copy the answers into a newly generated form"),
    "F005": N_("the file is password-protected and cannot be read. Remove the password in Excel or WPS and save it again"),
    # -- reading filled forms: which form it is --------------------------------------------------------
    "F010": N_("this is not a form generated by evaluator template (the hidden _meta sheet is missing), so the answers cannot be located. Generate a form with evaluator template and copy the answers into it"),
    "F011": N_("the hidden _meta sheet was edited or is damaged ({detail}), so the answers cannot be located. Generate a new form with evaluator template and copy the answers into it"),
    "F012": N_("this form belongs to rubric {found}, not {expected}. Pass --rubric for {found}, or generate a new form for {expected} with evaluator template and copy the answers into it"),
    "F013": N_("this form was generated for version {found} of rubric {id}, the rubric is now version {expected}. To migrate: generate a new form with evaluator template, copy the answers into it and run evaluator check again"),
    "F014": N_("rubric {id} {version} changed after this form was generated (same version number); answers were matched by field id, please review the results"),
    "F015": N_("the rubric this form uses, {id}, cannot be found or read ({path}). Pass the rubric file with --rubric"),
    "F016": N_("this form's template version {found} is not supported (this program reads {expected}). Generate a new form with evaluator template and copy the answers into it"),
    "F017": N_("sheet \"{sheet}\" is missing: it may have been renamed or deleted{hint}. Rename it back to \"{sheet}\", or copy the answers into a newly generated form"),
    "F018": N_("the form has no place for \"{label}\" ({key}): it does not match the rubric. Generate a new form with evaluator template and copy the answers into it"),
    # -- reading filled forms: answers ----------------------------------------------------------------
    "F020": N_("{label}: expected {expected}, found \"{found}\""),
    "F021": N_("{label}: {found} is outside the allowed range {low} to {high}"),
    "F022": N_("{label}: \"{found}\" is not one of the choices: {expected}"),
    "F023": N_("{label}: required, but empty"),
    "F024": N_("{label}: read \"{found}\" as {value}"),
    "F025": N_("{label}: read \"{found}\" as {value}; if you meant {other}, write \"{other}\""),
    "F026": N_("{label}: the text has {found} characters, more than the limit of {limit}. It was read in full, but please shorten it and attach details separately"),
    "F027": N_("{label}: the cell holds a formula but the file has no saved result, so it is treated as empty. Open and save the file in Excel or WPS, or type the value"),
    "F028": N_("{label}: the cell shows the error {found} and is treated as empty"),
    "F029": N_("{label}: a rating is a whole level from 0 to 4 (pick it from the list), found \"{found}\""),
    # -- reading filled forms: answers checked together -----------------------------------------------
    "F030": N_("the project ends ({end}) before it starts ({start})"),
    "F031": N_("{label}: \"{found}\" is not an indicator of this rubric{hint}"),
    "F032": N_("organization \"{name}\" is listed twice (first at row {first_row}); list each organization once"),
    "F033": N_("there is content here, outside the rows that are read ({first} to {last}); it was ignored"),
    "F034": N_("{label}: required evidence is empty; scoring treats it as the indicator says for missing evidence, and the result may be provisional"),
    "F035": N_("{label}: the text has {found} characters, more than the limit of {limit}, and was not read. Please shorten it and attach details separately"),
    "F036": N_("{label}: a red-line question is unanswered ({red_line}). Answer yes or no; until it is answered the grade is the lowest"),
    # -- scoring and writing results --------------------------------------------------------------
    "P001": N_("output file {path} exists with different content; not overwritten (use --force to replace it)"),
    "P002": N_("provisional result: {count} required evidence fields or ratings missing ({items}); --strict refuses provisional results"),
    "P003": N_("internal error while scoring: {detail}. The form may be fine; please report this form and message to the developers"),
    "P004": N_("cannot write {path}: {detail}"),
    "P005": N_("the process working on this file stopped ({detail}) and the file was not finished; the other files are not affected. Please report this file and message to the developers"),
    "P006": N_("{other} in this batch also gives the result file name {name} (the same project, round and type, or a code and round that become the same file name); both results are kept, this form's as {saved}"),
    "P007": N_("the folder {path} holds no forms (.xlsx files)"),
    # -- the results store and comparisons --------------------------------------------------------
    "S001": N_("file not found: {path}"),
    "S002": N_("cannot read the file: {detail}"),
    "S003": N_("not valid JSON (column {column}): {detail}"),
    "S004": N_("not an evaluation result: schema is {found}, expected {expected}"),
    "S005": N_("expected {expected}, found {found}"),
    "S006": N_("required key {key} is missing"),
    "S007": N_("unknown key {key}{hint}"),
    "S008": N_("invalid value {found}, expected one of: {expected}"),
    "S009": N_("{key} is empty: results are filed by project code and funding round, both are needed"),
    "S010": N_("{kind} id {id} appears more than once in the result"),
    "S011": N_("the total {found} does not follow from the domains: they add up to {sum}, so the total should be {expected} within rounding"),
    "S012": N_("{found} points exceed the maximum of {max}"),
    "S013": N_("expected a finite number of at least 0, found {found}"),
    "S014": N_("level {found} is outside the rating scale 0-{max}"),
    "S015": N_("the grade is {found}; the total, the grade scale and the red lines give {expected}"),
    "S016": N_("stage {found} is outside the maturity ladder 0-{max}"),
    "S017": N_("expected a sha256 of 64 hexadecimal digits, found {found}"),
    "S018": N_("not a regular file (a folder, a device or a pipe), not read: {path}"),
    "S019": N_("the file is too large ({size} bytes, the limit is {limit}), not read"),
    "S020": N_("cannot open the results database: {detail}"),
    "S021": N_("{path} is not an evaluator results database"),
    "S022": N_("the database has schema version {found}; this evaluator supports up to {expected}: please upgrade"),
    "S023": N_("no results database at {path} (store results with evaluator ingest first, or name one with --db)"),
    "S024": N_("writing to the results database failed; nothing was written: {detail}"),
    "S025": N_("the results database {path} is empty: nothing has been stored yet (store results with evaluator score or evaluator ingest{db} first)"),
    "S026": N_("the results database {path} was made by an earlier evaluator and must be upgraded before it can be read: run evaluator migrate{db} (every stored result is kept; writing commands upgrade it too)"),
    "S027": N_("the results database {path} lacks the tables {tables}: it is incomplete or was altered; restore it from a backup, or name another one with --db"),
    "S028": N_("the results database {path} is damaged ({detail}); restore it from a backup, or name another one with --db"),
    "S029": N_("the JSON is nested more than {limit} levels deep: not an evaluation result, not read"),
    "S030": N_("no project {project} in the results database (looked up by code or name){hint}"),
    "S031": N_("no round {round} in the results database{hint}"),
    "S032": N_("nothing to compare: the selected rounds and projects have no final or midterm evaluation (self-assessments are not compared)"),
    "S033": N_("the number {found} is out of range: expected a finite number"),
    "S034": N_("the text holds an invalid character (a lone surrogate {found}); expected valid UTF-8 text"),
    "S035": N_("the domain's points {found} do not match its exact value {exact}: rounded half-up to 2 decimals it is {expected}"),
    # -- feedback reports --------------------------------------------------------------------------
    "G001": N_("internal error while making the report: {detail}. The result file is fine; please report it and this message to the developers"),
    "G002": N_("the project's earlier round could not be read from the results database ({detail}); the report has no comparison with it"),
    "G003": N_("cannot write the report {path}: {detail}"),
    "G004": N_("{count} results need a folder for -o, but {path} is a file (or has a file extension)"),
    # -- the web platform: uploads ------------------------------------------------------------------
    "W001": N_("not a rubric file: expected a .yaml file or a .zip of a rubric folder, found {found}"),
    "W002": N_("{entry} in the archive is unsafe or unreadable ({detail}); the whole archive was refused"),
    "W003": N_("the archive should hold exactly one rubric file (a YAML with indicator_files), found {found}{hint}"),
    "W005": N_("the file is too large ({size} MB, the limit is {limit} MB), not read"),
    "W006": N_("this is not an .xlsx or .zip file ({found}) and was skipped; upload forms (.xlsx) or a zip of forms"),
    "W007": N_("the archive holds no forms (.xlsx)"),
    "W010": N_("the form's project code is {found}, but the project assigned is {expected}; check the code on the cover, or download this project's form"),
    "W011": N_("the form's funding round is \"{found}\", but this evaluation is for the round \"{expected}\"; check the round on the cover"),
    "W012": N_("project {code} ({round}) is not assigned to you; this form was not scored"),
    "W013": N_("the form's evaluation type is {found}, but the assignment is for {expected}; check the evaluation type on the cover"),
    "W014": N_("there is no project {code} in the store; ask an administrator to add the project first"),
}

# the ways evaluators gather evidence (forms and reports name them)
METHODS: dict[str, str] = {
    "documents": N_("Document review"),
    "interview": N_("Interview"),
    "observation": N_("Observation"),
    "survey": N_("Survey"),
}

# the names of evidence field types in messages (R021, R043)
FIELD_TYPE_NAMES: dict[str, str] = {
    "integer": N_("integer"),
    "number": N_("number"),
    "percent": N_("percent"),
    "boolean": N_("yes/no"),
    "choice": N_("choice"),
    "text": N_("text"),
    "date": N_("date"),
}
