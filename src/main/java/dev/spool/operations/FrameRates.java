package dev.spool.operations;

/** Frame rates as FFmpeg reads them. */
final class FrameRates {
    private FrameRates() {
    }

    /** Integers as is ({@code 25}), NTSC rates as N*1000/1001 ({@code 30000/1001}), others in decimal. */
    static String of(double fps) {
        if (Math.abs(fps - Math.rint(fps)) < 1e-9) return Long.toString(Math.round(fps));
        double ntsc = fps * 1.001;
        if (Math.abs(ntsc - Math.rint(ntsc)) < 0.01) return Math.round(ntsc) * 1000 + "/1001";
        return Double.toString(fps);
    }

    /** {@code 30000/1001} or {@code 25} as a number; -1 when unreadable. */
    static double parse(String r) {
        String[] p = r.split("/");
        try {
            return p.length == 2 ? Double.parseDouble(p[0]) / Double.parseDouble(p[1]) : Double.parseDouble(r);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
