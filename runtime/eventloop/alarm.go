package eventloop

import (
	"container/heap"
	"sync"
	"time"
)

// Alarm is a task scheduled by After.
type Alarm struct {
	loop       *Loop
	src        *Source
	task       Task
	due        time.Time
	seq        uint64
	index      int    // in the loop's schedule; -1 when not scheduled
	prev, next *Alarm // in src's list of scheduled alarms, so that closing src stops them
}

// alarms is a loop's schedule: every Alarm, earliest first, behind one Go timer. One timer per
// task would cost more and order worse: starting a Go timer that is due before all others
// wakes an idle thread to watch it, and when several are overdue at once (a loaded machine,
// a script that kept the loop busy) the goroutines that post their tasks start in any order.
type alarms struct {
	mu      sync.Mutex // the Go timer's goroutine reads the schedule too
	pending alarmHeap
	seq     uint64    // scheduling order, for equal deadlines
	now     time.Time // the latest clock reading: deadlines never go back, even if the clock does
	wake    *time.Timer
	armed   time.Time // when wake fires; zero when it is not armed
	fired   uint64    // how often wake fired: tests check that it does not spin
}

// After schedules task to run on the loop d from now, through src: the alarm lives as long
// as src, so it keeps the loop waiting only while src is open, and closing src (or ending its
// scope) stops it; an alarm scheduled through a closed source never runs. Tasks due at the
// same time run in the order they were scheduled.
func (l *Loop) After(src *Source, d time.Duration, task Task) *Alarm {
	l.MustOwn()
	a := &Alarm{loop: l, src: src, task: task, index: -1}
	s := &l.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	if src.closed.Load() { // checked under s.mu, which stopAlarms takes after src is closed
		return a
	}
	src.linkAlarm(a)
	s.seq++
	if now := time.Now(); now.After(s.now) {
		s.now = now
	}
	a.due, a.seq = s.now.Add(d), s.seq
	heap.Push(&s.pending, a)
	if s.armed.IsZero() || a.due.Before(s.armed) {
		l.arm(a.due)
	}
	return a
}

// Stop unschedules the alarm if its task has not run. It is safe to call twice.
func (a *Alarm) Stop() {
	s := &a.loop.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.index < 0 {
		return
	}
	heap.Remove(&s.pending, a.index)
	a.src.unlinkAlarm(a)
	a.loop.rearmAfterStop()
}

// stopAlarms unschedules every alarm of src, which has just closed: alarms belong to their
// source, whatever its owner's onClose does.
func (l *Loop) stopAlarms(src *Source) {
	s := &l.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	if src.alarms == nil {
		return
	}
	for a := src.alarms; a != nil; {
		next := a.next
		heap.Remove(&s.pending, a.index)
		a.prev, a.next = nil, nil
		a = next
	}
	src.alarms = nil
	l.rearmAfterStop()
}

// rearmAfterStop arms the Go timer for the earliest alarm when it is not armed: a firing was
// on its way through the source of an alarm just stopped, and that source may drop it.
// l.alarms.mu must be held.
func (l *Loop) rearmAfterStop() {
	s := &l.alarms
	if s.armed.IsZero() && len(s.pending) > 0 {
		l.arm(s.pending[0].due)
	}
}

// linkAlarm adds a to the source's alarms. l.alarms.mu must be held.
func (src *Source) linkAlarm(a *Alarm) {
	a.next = src.alarms
	if a.next != nil {
		a.next.prev = a
	}
	src.alarms = a
}

// unlinkAlarm removes a from the source's alarms. l.alarms.mu must be held.
func (src *Source) unlinkAlarm(a *Alarm) {
	if a.prev != nil {
		a.prev.next = a.next
	} else if src.alarms == a {
		src.alarms = a.next
	}
	if a.next != nil {
		a.next.prev = a.prev
	}
	a.prev, a.next = nil, nil
}

// arm sets the Go timer for at. l.alarms.mu must be held.
func (l *Loop) arm(at time.Time) {
	s := &l.alarms
	s.armed = at
	if s.wake == nil {
		s.wake = time.AfterFunc(time.Until(at), l.fireAlarms)
		return
	}
	s.wake.Reset(time.Until(at))
}

// fireAlarms runs on the Go timer's goroutine: it posts runAlarms through the source of the
// earliest alarm that is still open.
func (l *Loop) fireAlarms() {
	s := &l.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	s.armed = time.Time{}
	s.fired++
	for len(s.pending) > 0 {
		first := s.pending[0]
		if time.Now().Before(first.due) {
			l.arm(first.due) // armed for an alarm that was stopped since
			return
		}
		if first.src.Post(l.runAlarms) {
			return
		}
		// Its source is closing on another goroutine, whose stopAlarms has yet to take s.mu:
		// the alarm is dead, and re-arming for it would fire again at once, without end.
		heap.Pop(&s.pending)
		first.src.unlinkAlarm(first)
	}
}

// runAlarms runs, in order, the tasks of the alarms that were due and scheduled when it
// started; alarms they schedule wait for a later turn, as timers do in browsers. A task's error
// ends it, and the alarms still due wait for the next Run.
func (l *Loop) runAlarms() error {
	s := &l.alarms
	now := time.Now()
	s.mu.Lock()
	last := s.seq
	s.mu.Unlock()
	defer l.rearmAlarms()
	for {
		s.mu.Lock()
		if len(s.pending) == 0 || s.pending[0].due.After(now) || s.pending[0].seq > last {
			s.mu.Unlock()
			return nil
		}
		a := heap.Pop(&s.pending).(*Alarm)
		a.src.unlinkAlarm(a)
		s.mu.Unlock()
		if a.src.closed.Load() { // closing on another goroutine: it never runs
			continue
		}
		if err := a.task(); err != nil {
			return err
		}
	}
}

// rearmAlarms sets the Go timer for the earliest alarm after runAlarms, which may have left
// some that are already due.
func (l *Loop) rearmAlarms() {
	s := &l.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) > 0 && (s.armed.IsZero() || s.pending[0].due.Before(s.armed)) {
		l.arm(s.pending[0].due)
	}
}

// alarmHeap is a container/heap of alarms by deadline, then scheduling order.
type alarmHeap []*Alarm

func (h alarmHeap) Len() int { return len(h) }
func (h alarmHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h alarmHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}

func (h *alarmHeap) Push(x any) {
	a := x.(*Alarm)
	a.index = len(*h)
	*h = append(*h, a)
}

func (h *alarmHeap) Pop() any {
	old := *h
	a := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	a.index = -1
	return a
}
