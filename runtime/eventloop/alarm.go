package eventloop

import (
	"container/heap"
	"sync"
	"time"
)

// Alarm is a task scheduled by After.
type Alarm struct {
	loop  *Loop
	src   *Source
	task  Task
	due   time.Time
	seq   uint64
	index int // in the loop's schedule; -1 when not scheduled
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
}

// After schedules task to run on the loop d from now, through src: the task is one of src's,
// so it keeps the loop waiting only as long as src is open, and is dropped with src's scope.
// Tasks due at the same time run in the order they were scheduled. Loop goroutine only.
func (l *Loop) After(src *Source, d time.Duration, task Task) *Alarm {
	a := &Alarm{loop: l, src: src, task: task, index: -1}
	s := &l.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
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

// Stop unschedules the alarm if its task has not run. Any goroutine; safe to call twice.
func (a *Alarm) Stop() {
	s := &a.loop.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.index < 0 {
		return
	}
	heap.Remove(&s.pending, a.index)
	if s.armed.IsZero() && len(s.pending) > 0 {
		a.loop.arm(s.pending[0].due) // a firing was on its way through a's source, which may drop it
	}
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
// earliest alarm, which is open while that alarm is scheduled.
func (l *Loop) fireAlarms() {
	s := &l.alarms
	s.mu.Lock()
	defer s.mu.Unlock()
	s.armed = time.Time{}
	if len(s.pending) == 0 {
		return
	}
	if first := s.pending[0]; time.Now().Before(first.due) {
		l.arm(first.due) // armed for an alarm that was stopped since
	} else if !first.src.Post(l.runAlarms) {
		l.arm(first.due.Add(time.Millisecond)) // its source is closing: Stop will follow
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
		s.mu.Unlock()
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
