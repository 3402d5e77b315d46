// Shared app code may import its styles: the import is an empty module, and the file's own
// tests run (esbuild's CSS output was taken for the program, so none was found).
import './styles.css';

test('passes', () => {});
test('fails', () => {
  expect(1).toBe(2);
});
