# Council Records — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-8)
HOST   ?= 127.0.0.1:8000

.PHONY: run test lint install messages migrate demo check-deploy clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) messages

# Compiled translation catalogs (.mo) are build output: made from locale/*.po, never committed.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --verbosity 0; \
	else echo "Cảnh báo: thiếu msgfmt (gói gettext); giao diện dùng chuỗi gốc tiếng Việt, không có bản dịch bổ sung."; fi

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo "Mở http://$(HOST)/admin/ và đăng nhập bằng một tài khoản mẫu ở trên."
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Undefined names, unused imports and syntax errors (pyflakes rules).
lint: install
	$(VENV)/bin/ruff check --select F,E9 apps council tests bench --exclude "*/migrations/*"

check-deploy: install
	DEBUG=False SECRET_KEY=ci-check-deploy-$$(date +%s)-not-a-real-secret-0123456789abcdef \
	ALLOWED_HOSTS=hdnd.example.vn $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
