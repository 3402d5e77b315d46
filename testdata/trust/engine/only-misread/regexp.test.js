// A regular expression after a closing parenthesis, which the scan for .only cannot tell from
// a division: it reads .only( in code, though the file declares no .only.
let seen = false;
if (true) /it.only( |$)/.test('it.only ') && (seen = true);
test('reads its regular expression', () => { expect(seen).toBe(true); });
