#!/usr/bin/env bash
# Regenerate the shipped DSL specs, grammars and reports under grammars/ from the corpora in
# corpora/, with the shipped extractor and seed 0 (docs/spec.md explains each step); first the
# verb effect evidence (autodsl/induce/verb_types.json) from the X-WLP gold operation types.
# Usage: scripts/learn_all.sh [JOBS]   (default 2 worker processes)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-2}"
python -m autodsl.induce.effects corpora/xwlp -o autodsl/induce/verb_types.json
autodsl learn corpora/protocol-exchange -o grammars/ --seed 0 --jobs "$jobs" --force
autodsl learn corpora/wlp --domain wetlab -o grammars/ --seed 0 --jobs "$jobs" --force
autodsl learn corpora/materials --domain materials -o grammars/ --seed 0 --jobs "$jobs" --force
