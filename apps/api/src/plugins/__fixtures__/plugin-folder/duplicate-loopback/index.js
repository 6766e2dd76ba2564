exports.createPlugin = () => { throw new Error('should never be imported'); };
