// `npm test` runs browser tests in Debian's Chromium. On a bare Debian/Ubuntu
// machine (as root) this installs it; elsewhere it says how, and stops.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executable = process.env.STREAMCONFORM_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executable)) {
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error(
      `npm test needs Chromium at ${executable} for the browser tests.\n` +
        'Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set STREAMCONFORM_CHROMIUM to a Chromium binary.',
    );
    process.exit(1);
  }
  console.error('npm test: installing Debian chromium for the browser tests (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}
