// Leaves a marker when an install script runs, next to this file and in FAXBOT_FIXTURE_MARKER_DIR.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const stage = process.argv[2] || 'unknown';
writeFileSync(join(__dirname, `${stage}-ran`), 'ran\n');
if (process.env.FAXBOT_FIXTURE_MARKER_DIR) writeFileSync(join(process.env.FAXBOT_FIXTURE_MARKER_DIR, `${stage}-ran`), 'ran\n');
