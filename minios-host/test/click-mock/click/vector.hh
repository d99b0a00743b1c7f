#ifndef CLICK_MOCK_VECTOR_HH
#define CLICK_MOCK_VECTOR_HH
template <typename T> class Vector { public:
    Vector();
    ~Vector();
    int size() const;
    T &operator[](int i);
    const T &operator[](int i) const;
    void push_back(const T &x);
};
#endif
