// Package reporttest reads wsrun's reports back for tests, as their consumers do.
package reporttest

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// JUnit is a JUnit report: all of it that a CI server reads.
type JUnit struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Time      string `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Text string `xml:",chardata"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// ParseJUnit parses a JUnit document strictly, failing the test when it is not well-formed.
func ParseJUnit(t testing.TB, doc []byte) JUnit {
	t.Helper()
	var d JUnit
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("the JUnit report is not well-formed XML: %v\n%s", err, doc)
	}
	return d
}
