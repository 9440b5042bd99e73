# Two commands: `make demo` runs the main job on the bundled samples, `make test` runs the tests.
# Each creates a local .venv and installs what it needs on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench fuzz fuzz-store messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

EV := $(BIN)/evaluator

demo: $(STAMP)
	@echo "== 1. 检查评估标准 / check the bundled rubric"
	$(EV) rubric check
	$(EV) rubric show
	$(EV) rubric check samples/invalid/broken-rubric/rubric.yaml || echo "（以上 3 个错误是故意埋下的 / the 3 errors above were planted on purpose）"
	@echo "== 2. 空白评估表和评估手册 / blank forms and the rubric handbook in output/"
	$(EV) template -o output/评估表-空白.xlsx --force
	$(EV) template --lang en -o output/evaluation-form-blank.xlsx --force
	$(EV) rubric handbook -o output/评估标准手册.pdf --force
	@echo "== 3. 检查填好的样例表格 / check the filled samples"
	$(EV) check samples/*.xlsx
	@echo "== 4. 一份故意填错的表格 / a form with planted mistakes (its errors are expected)"
	$(EV) check samples/invalid/mistakes.xlsx || echo "（以上错误是故意埋下的 / the errors above were planted on purpose）"
	@echo "== 5. 评分：结果 JSON、反馈报告 PDF、写入结果库 / score: result JSON, feedback PDF, results database"
	$(EV) score samples/*.xlsx -o output/results --force --workers 2
	@echo "== 6. 资助方比较两届项目 / funder comparison of the two rounds"
	$(EV) history CD-2023-009
	$(EV) compare -o output --force

test: $(STAMP)
	$(BIN)/python -m pytest -q

# ruff (rule set in pyproject.toml) and mypy (strict on evaluator/scoring and evaluator/rubric): both must say nothing
lint: $(STAMP)
	$(BIN)/ruff check evaluator tests tools benchmarks
	$(BIN)/mypy

# a longer run of the fuzzing slice that `make test` runs (tests/fuzz): EXAMPLES mutants of forms and of rubrics
EXAMPLES ?= 2000
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(EXAMPLES) $(BIN)/python -m pytest -q tests/fuzz

N ?= 1000
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_round.py $(N)
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_web.py

# the long run of the result-JSON mutation tests (the test suite runs a short deterministic slice)
FUZZ_EXAMPLES ?= 2000
fuzz-store: $(STAMP)
	EVALUATOR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/store/test_fuzz_results.py

# collect new texts into the translation catalogues and compile them (.po and .mo are both committed)
messages: $(STAMP)
	$(BIN)/python tools/messages.py --extract

clean:
	rm -rf $(VENV) build dist .pytest_cache
