# The command-line tool alone, for a Homebrew tap: `brew install bridgelight/tap/bridgelight-cli`.
# The checksum here is zeros, which no download matches; the release workflow fills in the real one
# (scripts/homebrew.mjs) and attaches the result to the GitHub release.
class BridgelightCli < Formula
  desc "Diagnoses the network path of a local VM to the internet, hop by hop"
  homepage "https://github.com/bridgelight/bridgelight"
  url "https://registry.npmjs.org/@bridgelight/cli/-/cli-0.1.0.tgz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "MIT"

  depends_on "node"

  def install
    system "npm", "install", *std_npm_args
    bin.install_symlink libexec.glob("bin/*")
  end

  test do
    assert_match "bridgelight #{version}", shell_output("#{bin}/bridgelight --version")
    assert_match "Usage:", shell_output("#{bin}/bridgelight check --help")
  end
end
