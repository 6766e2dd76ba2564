exports.createPlugin = () => { throw new Error('fixture code must never be imported by the CLI'); };
