#!/bin/sh
# Run a command inside the project's virtual environment (.venv), making it first when needed.
#
#   sh scripts/in_venv.sh scrapy demo          # the demo harvest
#   sh scripts/in_venv.sh python -m pytest     # the tests
#
# Works with a system Python that refuses global installs (PEP 668, Debian 12, Ubuntu 24.04):
# nothing is installed outside .venv. PYTHON names the interpreter (default: python3).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=.venv

make_venv() {
    "$PYTHON" -m venv "$VENV" 2>/dev/null && return 0
    rm -rf "$VENV"
    # Debian without python3-venv: a venv without pip, filled by the system's pip ...
    if "$PYTHON" -m venv --without-pip "$VENV" 2>/dev/null && "$PYTHON" -m pip --version >/dev/null 2>&1; then
        "$PYTHON" -m pip --python "$VENV/bin/python" install --quiet pip && return 0
    fi
    rm -rf "$VENV"
    # ... or, as root on Debian/Ubuntu, the venv module from the distribution.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y -q python3-venv >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q python3-venv >/dev/null; }
        "$PYTHON" -m venv "$VENV" && return 0
    fi
    echo "Cannot make a virtual environment with $PYTHON: install the venv module (Debian/Ubuntu: apt-get install python3-venv)" >&2
    exit 1
}

[ -x "$VENV/bin/python" ] || make_venv
# Install (again) when the project's requirements changed since the last install.
if [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip "setuptools>=77,<81"  # the egg scrapyd-deploy builds reads pyproject.toml; Scrapyd needs <81
    "$VENV/bin/python" -m pip install --quiet -e '.[test]'
    touch "$VENV/.installed"
fi
PATH="$PWD/$VENV/bin:$PATH"
export PATH
exec "$@"
