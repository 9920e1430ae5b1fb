# The menu-bar app, for a Homebrew tap: `brew install --cask bridgelight/tap/bridgelight`.
# The checksums here are zeros, which no download matches, so this copy installs nothing; the release workflow
# fills in the real ones (scripts/homebrew.mjs) and attaches the result to the GitHub release.
cask "bridgelight" do
  arch arm: "arm64", intel: "x64"

  version "0.1.0"
  sha256 arm:   "0000000000000000000000000000000000000000000000000000000000000000",
         intel: "0000000000000000000000000000000000000000000000000000000000000000"

  url "https://github.com/bridgelight/bridgelight/releases/download/v#{version}/Bridgelight-#{version}-#{arch}.dmg"
  name "Bridgelight"
  desc "Menu-bar traffic light for the network path of local VMs to the internet"
  homepage "https://github.com/bridgelight/bridgelight"

  livecheck do
    url :url
    strategy :github_latest
  end

  # The app updates itself (electron-updater, verified by Squirrel.Mac).
  auto_updates true
  depends_on macos: ">= :ventura"

  app "Bridgelight.app"

  # Everything the app writes, and nothing else (test/packaging/homebrew.test.ts says where each comes from).
  zap trash: [
    "~/Library/Application Support/bridgelight",
    "~/Library/Caches/bridgelight-updater",
    "~/Library/Caches/dev.bridgelight.app.ShipIt",
    "~/Library/Logs/bridgelight",
    "~/Library/Preferences/dev.bridgelight.app.plist",
  ]
end
