package report

import (
	"reflect"
	"strings"
	"testing"
)

// TestMapTextReachesEveryText fills every string of a FileResult and checks that MapText
// changed each one, except those that name things; a text field added later fails here
// until MapText handles it (or it is added to names, on purpose).
func TestMapTextReachesEveryText(t *testing.T) {
	names := map[string]bool{ // fields MapText leaves alone: identities, not free text
		"FileResult.Path": true, "FileResult.Status": true, "TestResult.Name": true,
		"TestResult.FullName": true, "TestResult.Status": true, "Location.File": true,
		"ConsoleEntry.Level": true, "Transcript.Conn": true, "TranscriptEntry.Dir": true, "TranscriptEntry.Conn": true,
		"FileSnapshots.Path": true, "FileSnapshots.Removed": true, "FileSnapshots.Obsolete": true,
		"Operation.Protocol": true, "FileResult.Inputs": true, // paths for watch mode, in no report
		"TimelineEntry.Dir": true, "TimelineEntry.Conn": true, "TimelineEntry.Outcome": true,
	}
	var f FileResult
	fill(reflect.ValueOf(&f).Elem())
	before := dump(reflect.ValueOf(f), "")
	got := f.MapText(func(s string) string { return "mapped" })
	after := dump(reflect.ValueOf(got), "")
	for field, v := range after {
		mapped := strings.Trim(v, "[]") == "mapped"
		if names[field] && mapped {
			t.Errorf("%s was mapped; it names something", field)
		}
		if !names[field] && !mapped {
			t.Errorf("%s = %q was not mapped: MapText misses a text field", field, v)
		}
	}
	if again := dump(reflect.ValueOf(f), ""); !reflect.DeepEqual(before, again) {
		t.Error("MapText changed the result it was given")
	}
}

// fill sets every string to "text" and gives every slice one element and every pointer a value.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("text")
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() { // a Histogram's state is numbers
				fill(v.Field(i))
			}
		}
	}
}

// dump lists every string reachable from v by "Type.Field", and the strings of string slices.
func dump(v reflect.Value, field string) map[string]string {
	out := map[string]string{}
	switch v.Kind() {
	case reflect.String:
		out[field] = v.String()
	case reflect.Pointer:
		if !v.IsNil() {
			return dump(v.Elem(), field)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.String {
			out[field] = strings.Join(v.Interface().([]string), ",")
			return out
		}
		for i := range v.Len() {
			for k, s := range dump(v.Index(i), field) {
				out[k] = s
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			name := v.Type().Name() + "." + v.Type().Field(i).Name
			for k, s := range dump(v.Field(i), name) {
				out[k] = s
			}
		}
	}
	return out
}
