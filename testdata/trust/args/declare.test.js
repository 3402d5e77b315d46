// A misspelt test option is an error while the file loads: the whole file fails.
test('declared with a misspelt option', async () => {}, { timout: 100 });
