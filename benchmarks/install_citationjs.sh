#!/bin/sh
# Installs the citation-js peer that tests/test_ris_citationjs.py runs
# (outside the repository; the test skips when it is absent):
#   sh benchmarks/install_citationjs.sh [FOLDER]   (default ../npm-peers)
set -e
FOLDER="${1:-$(dirname "$0")/../../npm-peers}"
mkdir -p "$FOLDER"
npm install --silent --prefix "$FOLDER" @citation-js/core @citation-js/plugin-ris
echo "installed in $FOLDER; the test looks there, or in \$BIBCONV_NPM_PEERS"
