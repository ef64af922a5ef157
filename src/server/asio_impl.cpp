// Boost.Asio and Boost.Beast compiled once for the whole program (BOOST_*_SEPARATE_COMPILATION):
// every other file includes their headers without the implementation.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
