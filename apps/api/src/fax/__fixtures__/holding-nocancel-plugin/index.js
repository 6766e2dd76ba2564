// The holding test provider without `cancel`: a provider that cannot cancel a fax it accepted.
const holding = require('../holding-plugin/index.js');

exports.createPlugin = () => {
  const plugin = holding.createPlugin();
  delete plugin.cancel;
  return plugin;
};
