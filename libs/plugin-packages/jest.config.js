module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/plugin-packages',
};
