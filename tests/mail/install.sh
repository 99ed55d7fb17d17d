#!/usr/bin/env bash
# The local SMTP server the e-mail tests start (tests/mail/smtp_sink.py):
# aiosmtpd, pinned, in its own venv under ~/.cache/mot (made once, kept
# between runs, like schemathesis's). Prints the venv's python on stdout;
# scripts/test exports it as MOT_SMTP_PYTHON.
#
#   MOT_SMTP_PYTHON="$(tests/mail/install.sh)"
set -euo pipefail

AIOSMTPD_VERSION=1.4.6
VENV="$HOME/.cache/mot/aiosmtpd-$AIOSMTPD_VERSION"

if ! "$VENV/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
        echo "installing python3-venv with apt-get" >&2
        apt-get update -qq >&2
        apt-get install -y -qq -o Dpkg::Use-Pty=0 python3-venv >&2
    fi
    echo "installing aiosmtpd $AIOSMTPD_VERSION into $VENV" >&2
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv --clear "$VENV" >&2
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION" >&2
fi
echo "$VENV/bin/python"
