#ifndef CLICK_MOCK_TIMER_HH
#define CLICK_MOCK_TIMER_HH
#include <click/timestamp.hh>
class Element;
class Timer;
typedef void (*TimerCallback)(Timer *timer, void *user_data);
class Timer { public:
    Timer(TimerCallback f, void *user_data);
    ~Timer();
    void initialize(Element *owner, bool quiet = false);
    void schedule_after(const Timestamp &delta);
    void unschedule();
    bool scheduled() const;
  private:
    Timer(const Timer &);
};
#endif
