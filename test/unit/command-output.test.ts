import QUnit from "qunit";

import { appendCapped } from "../../src/views/vm-details/guest/command-output.ts";

QUnit.module("a running command's output", () => {
    QUnit.test("grows until the cap, then keeps the newest part from a line start", assert => {
        let out = { text: "", dropped: 0 };
        out = appendCapped(out, "one\ntwo\n", 20);
        out = appendCapped(out, "", 20);
        assert.deepEqual(out, { text: "one\ntwo\n", dropped: 0 });
        out = appendCapped(out, "three\nfour\nfive\n", 20);
        // 24 characters: 4 too many; the cut moves on to the next line start.
        assert.deepEqual(out, { text: "two\nthree\nfour\nfive\n", dropped: 4 });
        out = appendCapped(out, "x".repeat(30), 20);
        assert.strictEqual(out.text, "x".repeat(20), "no line start near: cut at the cap");
        assert.strictEqual(out.dropped, 4 + 20 + 10);
        assert.strictEqual(out.text.length + out.dropped, "one\ntwo\nthree\nfour\nfive\n".length + 30, "every character is either shown or counted");
    });
});
