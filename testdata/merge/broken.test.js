// merge-reports fixture: a file that fails while loading, a file error with its own failed test.
console.log('loading broken');
throw new Error('broken on purpose');
