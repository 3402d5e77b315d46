package expect

import "testing"

func TestScratch(t *testing.T) {
	for _, src := range []string{
		`await expect(Promise.resolve(1)).resolves.toBe(1)`,
		`await expect(Promise.resolve(1)).resolves.toBe(2)`,
		`await expect(Promise.resolve(1)).resolves.not.toBe(1)`,
		`await expect(Promise.reject(new Error('boom'))).resolves.toBe(1)`,
		`await expect(Promise.resolve(1)).rejects.toThrow()`,
		`await expect(Promise.reject(new Error('boom'))).rejects.toThrow('boom')`,
		`await expect(Promise.reject(new Error('boom'))).rejects.toThrow('bam')`,
		`await expect(async () => { throw new Error('x') }).rejects.toThrow('x')`,
		`await expect(Promise.reject('str')).rejects.toBe('str')`,
		`await expect(1).resolves.toBe(1)`,
		`await expect(1).rejects.toBe(1)`,
		`await expect(Promise.resolve({a: 1})).resolves.toEqual({a: 2})`,
		`await expect(Promise.resolve('abc')).resolves.toHaveLength(5)`,
	} {
		e := newEnv(t)
		t.Logf("\n>>> %s\n%s", src, e.runAsync(t, src))
	}
	e := newEnv(t)
	v := e.value(t, `(() => { function userFn() { expect(1).toBe(2) } try { userFn() } catch (e) { return [e.name, e.stack, JSON.stringify(e.matcherResult), Object.keys(e)] } })()`)
	t.Log(v.Export())
	v = e.value(t, `(() => { function userFn() { expect(1).toHaveLength(2) } try { userFn() } catch (e) { return [e.name, e.stack, JSON.stringify(e.matcherResult)] } })()`)
	t.Log(v.Export())
	_, err := e.vm.RunString(`var caught; async function userAsync() { await expect(Promise.resolve(1)).resolves.toBe(2) }; userAsync().catch(e => { caught = e.stack })`)
	if err != nil { t.Fatal(err) }
	t.Log(e.vm.Get("caught"))
	e.run(t, `expect.soft(1).toBe(2); expect.soft(1).toBe(1); expect.soft('a').toHaveLength('x')`)
	for _, s := range e.host.soft { t.Log(errorMessage(s)) }
}
