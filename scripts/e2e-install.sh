#!/usr/bin/env bash
# Installs what test/e2e needs: Debian's Chromium, then node 24 and code-server in a cache folder.
# Run it again at any time; finished steps are skipped.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
# Outside the work tree, so fresh clones on the same machine (CI among them) reuse one install.
dir="${ROUTE_LENS_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/route-lens-e2e}"
marker="$dir/installed-code-server-$CODE_SERVER_VERSION"

# code-server's postinstall compiles native modules against these headers.
apt_packages=(chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "e2e-install: please install these Debian packages as root: ${missing[*]}" >&2
    exit 1
  fi
  echo "e2e-install: apt-get install ${missing[*]}"
  # Another apt run may hold the dpkg lock for a while; wait for it instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
fi

if [[ -f "$marker" ]]; then
  echo "e2e-install: code-server $CODE_SERVER_VERSION is ready in $dir"
  exit 0
fi

mkdir -p "$dir"
# The node package's preinstall fetches its platform binary from the npm registry, so it must be allowed to run.
[[ -f "$dir/package.json" ]] || echo '{ "private": true, "allowScripts": { "node": true } }' >"$dir/package.json"
npm install --prefix "$dir" --no-audit --no-fund "node@$NODE_MAJOR"
# code-server's own postinstall needs node 24 first on the PATH, which npm here does not give it, so it runs below.
npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION"

bin="$dir/node_modules/.bin"
node_version=$("$bin/node" --version)
(
  cd "$dir/node_modules/code-server"
  # The postinstall runs npm install in VS Code's folders, whose native modules build in install scripts.
  PATH="$PWD/../.bin:$PATH" npm_config_user_agent="npm/11 node/$node_version linux x64" \
    npm_config_dangerously_allow_all_scripts=true npm_config_audit=false npm_config_fund=false sh ./postinstall.sh
)
touch "$marker"
echo "e2e-install: code-server $CODE_SERVER_VERSION is ready in $dir"
