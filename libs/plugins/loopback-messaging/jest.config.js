module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: '@faxbot/plugin-loopback-messaging',
};
