#!/usr/bin/env bash
# Replaces the embedded Apache ECharts with a release from npm: its
# minified build, gzip'd (the server sends it as it is stored), and its
# LICENSE and NOTICE. Run from this folder: bash update-echarts.sh 6.1.0
set -euo pipefail
version=${1:?usage: update-echarts.sh VERSION}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" > /dev/null && tar xzf "echarts-$version.tgz")
gzip -9 -n -c "$tmp/package/dist/echarts.min.js" > echarts.min.js.gz
cp "$tmp/package/LICENSE" echarts-LICENSE
cp "$tmp/package/NOTICE" echarts-NOTICE
echo "$version" > echarts-VERSION
ls -l echarts.min.js.gz
