// Compatibility stand-in for <ankerl/unordered_dense.h> (martinus/unordered_dense),
// which the mediasoup worker uses but Debian 12 does not package.
//
// The worker only uses three names from that library:
//   ankerl::unordered_dense::map<Key, T[, Hash]>
//   ankerl::unordered_dense::set<Key[, Hash]>
//   ankerl::unordered_dense::hash<T>{}(value)
// and only through the std::unordered_map / std::unordered_set interface
// (find, emplace, try_emplace, insert, erase, contains, at, operator[],
// reserve, size, iteration). This header maps them onto the standard
// containers. The standard containers give strictly stronger guarantees
// (references and iterators stay valid across inserts and erasing other
// elements), so code written for unordered_dense keeps working; only the
// memory layout and speed differ.
//
// Part of the offline build of the worker; see infra/mediasoup-worker/README.md.

#ifndef ANKERL_UNORDERED_DENSE_H
#define ANKERL_UNORDERED_DENSE_H

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl
{
	namespace unordered_dense
	{
		namespace detail
		{
			// 64-bit finalizer (from MurmurHash3 / splitmix64), so integer keys get
			// well-mixed hashes like unordered_dense's own wyhash-based mixer does.
			// std::hash<integer> is the identity on libstdc++, which would make
			// values combined by the worker's HashCombine() collide more often.
			constexpr std::uint64_t Mix(std::uint64_t x) noexcept
			{
				x ^= x >> 33U;
				x *= UINT64_C(0xff51afd7ed558ccd);
				x ^= x >> 33U;
				x *= UINT64_C(0xc4ceb93fe53e1a85);
				x ^= x >> 33U;

				return x;
			}
		} // namespace detail

		// Generic case: defer to std::hash (strings, user types with a std::hash).
		template<typename T, typename Enable = void>
		struct hash : std::hash<T>
		{
		};

		// Integers, enums and pointers: std::hash value, then mixed.
		template<typename T>
		struct hash<
		  T,
		  typename std::enable_if<
		    std::is_integral<T>::value || std::is_enum<T>::value || std::is_pointer<T>::value>::type>
		{
			std::size_t operator()(const T& value) const noexcept
			{
				return static_cast<std::size_t>(
				  detail::Mix(static_cast<std::uint64_t>(std::hash<T>{}(value))));
			}
		};

		template<
		  typename Key,
		  typename T,
		  typename Hash      = hash<Key>,
		  typename KeyEqual  = std::equal_to<Key>,
		  typename Allocator = std::allocator<std::pair<const Key, T>>>
		using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

		template<
		  typename Key,
		  typename Hash      = hash<Key>,
		  typename KeyEqual  = std::equal_to<Key>,
		  typename Allocator = std::allocator<Key>>
		using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
	} // namespace unordered_dense
} // namespace ankerl

#endif
