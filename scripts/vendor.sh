#!/usr/bin/env bash
# Refresh the front-end files vendored into static/vendor/ from the npm registry.
# Posts are often offline: pages never load anything from a CDN. Run by `make vendor`;
# the result is committed. Versions are pinned here.
set -euo pipefail
HTMX=2.0.11
PICO=2.1.1
CHARTJS=4.5.1
dest="src/passage/site/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$HTMX" "@picocss/pico@$PICO" "chart.js@$CHARTJS" >/dev/null)
mkdir -p "$dest/htmx" "$dest/pico" "$dest/chartjs"
tar -xzf "$work/htmx.org-$HTMX.tgz" -C "$work" package/dist/htmx.min.js package/LICENSE
cp "$work/package/dist/htmx.min.js" "$work/package/LICENSE" "$dest/htmx/"
rm -rf "$work/package"
tar -xzf "$work/picocss-pico-$PICO.tgz" -C "$work" package/css/pico.min.css package/LICENSE.md
cp "$work/package/css/pico.min.css" "$work/package/LICENSE.md" "$dest/pico/"
rm -rf "$work/package"
tar -xzf "$work/chart.js-$CHARTJS.tgz" -C "$work" package/dist/chart.umd.min.js package/LICENSE.md
# Without its source map, whose reference would break collectstatic's manifest.
sed '/^\/\/# sourceMappingURL=/d' "$work/package/dist/chart.umd.min.js" > "$dest/chartjs/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$dest/chartjs/"
printf 'htmx.org %s\n@picocss/pico %s\nchart.js %s\n' "$HTMX" "$PICO" "$CHARTJS" > "$dest/VERSIONS"
echo "vendored htmx $HTMX, pico $PICO and chart.js $CHARTJS into $dest"
