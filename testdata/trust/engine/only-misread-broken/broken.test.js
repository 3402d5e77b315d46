// Cannot load: with only-misread/, whose regular expression the .only scan misreads, the run
// reports this file, and must still run the files the misreading left out.
test('never declared', () => {
