// An entry that forgot to export createPlugin().
exports.somethingElse = () => ({});
